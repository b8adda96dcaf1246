package io.jcontainerd.core.content;

import io.jcontainerd.core.filters.Adaptor;
import io.jcontainerd.core.filters.Adaptors;
import java.util.Optional;

/** The fields that filters can see on content objects, as upstream's {@code AdaptInfo} and {@code adaptStatus}. */
public final class ContentAdaptors {
    private ContentAdaptors() {
    }

    /** {@return {@code digest} and {@code labels.<key>}; upstream does not filter on size} */
    public static Adaptor info(Info info) {
        return fieldpath -> switch (fieldpath.getFirst()) {
            case "digest" -> Optional.of(info.digest().toString());
            case "labels" -> Adaptors.labels(info.labels(), fieldpath.subList(1, fieldpath.size()));
            default -> Optional.empty();
        };
    }

    /** {@return {@code ref} only, as upstream} */
    public static Adaptor status(Status status) {
        return fieldpath -> "ref".equals(fieldpath.getFirst()) ? Optional.of(status.ref()) : Optional.empty();
    }
}
