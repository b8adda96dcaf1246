package io.jcontainerd.image;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.content.Provider;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.errdefs.Errdefs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake content store in memory: blobs by digest, readers that hand out a few bytes per read (to
 * exercise short reads) and count how many are open, so tests can check that every reader closes.
 */
final class MemoryContent implements Provider {
    private final Map<Digest, byte[]> blobs = new HashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    /** Stores {@code json} and returns its descriptor with {@code mediaType}. */
    ImageDescriptor put(String mediaType, String json) {
        return put(mediaType, json.getBytes(StandardCharsets.UTF_8));
    }

    ImageDescriptor put(String mediaType, byte[] data) {
        Digest digest = DigestAlgorithm.CANONICAL.digest(data);
        blobs.put(digest, data);
        return ImageDescriptor.of(mediaType, digest, data.length);
    }

    void delete(ImageDescriptor desc) {
        blobs.remove(desc.digest());
    }

    int openReaders() {
        return open.get();
    }

    @Override
    public ReaderAt readerAt(Digest digest) {
        byte[] data = blobs.get(digest);
        if (data == null) {
            throw Errdefs.notFound("content " + digest);
        }
        open.incrementAndGet();
        return new ReaderAt() {
            @Override
            public long size() {
                return data.length;
            }

            @Override
            public int read(ByteBuffer dst, long position) {
                if (position >= data.length) {
                    return -1;
                }
                int n = Math.min(7, Math.min(dst.remaining(), data.length - (int) position));
                dst.put(data, (int) position, n);
                return n;
            }

            @Override
            public void close() {
                open.decrementAndGet();
            }
        };
    }
}
