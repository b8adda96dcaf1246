package io.jcontainerd.core.images;

import io.jcontainerd.core.filters.Adaptor;
import io.jcontainerd.core.filters.Adaptors;
import java.util.Optional;

/** The fields filters can see on an image, as upstream's {@code adaptImage}. */
public final class ImageAdaptors {
    private ImageAdaptors() {
    }

    public static Adaptor image(Image image) {
        return fieldpath -> switch (fieldpath.getFirst()) {
            case "name" -> Adaptors.nonEmpty(image.name());
            case "target" -> fieldpath.size() < 2 ? Optional.empty() : switch (fieldpath.get(1)) {
                case "digest" -> Optional.of(image.target().digest().toString());
                case "mediatype" -> Adaptors.nonEmpty(image.target().mediaType());
                default -> Optional.empty();
            };
            case "labels" -> Adaptors.labels(image.labels(), fieldpath.subList(1, fieldpath.size()));
            case "annotations" -> Adaptors.labels(image.target().annotations(), fieldpath.subList(1, fieldpath.size()));
            default -> Optional.empty();
        };
    }
}
