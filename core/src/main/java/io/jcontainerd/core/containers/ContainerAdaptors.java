package io.jcontainerd.core.containers;

import io.jcontainerd.core.filters.Adaptor;
import io.jcontainerd.core.filters.Adaptors;
import java.util.Optional;

/** The fields filters can see on a container, as upstream's {@code adaptContainer}. */
public final class ContainerAdaptors {
    private ContainerAdaptors() {
    }

    public static Adaptor container(Container container) {
        return fieldpath -> switch (fieldpath.getFirst()) {
            case "id" -> Adaptors.nonEmpty(container.id());
            case "runtime" -> fieldpath.size() > 1 && fieldpath.get(1).equals("name")
                    ? Adaptors.nonEmpty(container.runtime().name()) : Optional.empty();
            case "image" -> Adaptors.nonEmpty(container.image());
            case "labels" -> Adaptors.labels(container.labels(), fieldpath.subList(1, fieldpath.size()));
            default -> Optional.empty();
        };
    }
}
