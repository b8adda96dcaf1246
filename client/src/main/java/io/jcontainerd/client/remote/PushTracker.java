package io.jcontainerd.client.remote;

import io.jcontainerd.registry.PushStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream's push {@code StatusTracker}: how far each blob's upload has got, by ref key, for a
 * progress display to read while {@link ImagePush} runs.
 */
public final class PushTracker {
    /**
     * @param offset    bytes sent (the size for content the registry had)
     * @param outcome   null while uploading; how the registry came to have it
     */
    public record Upload(long offset, long total, Instant startedAt, Instant updatedAt, PushStatus outcome) {
    }

    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    /** {@return the upload under {@code ref}; empty while it has not started} */
    public Optional<Upload> get(String ref) {
        return Optional.ofNullable(uploads.get(ref));
    }

    void started(String ref, long total) {
        Instant now = Instant.now();
        uploads.put(ref, new Upload(0, total, now, now, null));
    }

    void sent(String ref, long offset) {
        uploads.computeIfPresent(ref, (k, u) -> new Upload(offset, u.total(), u.startedAt(), Instant.now(), null));
    }

    void committed(String ref, long size, PushStatus outcome) {
        uploads.compute(ref, (k, u) -> new Upload(size, size, u == null ? null : u.startedAt(), Instant.now(), outcome));
    }
}
