package io.jcontainerd.image;

import java.util.List;

/**
 * What {@link Images#check} found for one platform of an image, as {@code ctr images check} reports it.
 *
 * @param available whether the manifest resolved; when false, {@code required} and {@code missing}
 *                  hold just the image's target and nothing is known of the rest
 * @param required  the config and the layers of the resolved manifest
 * @param present   those of {@code required} the provider has
 * @param missing   those of {@code required} it has not
 */
public record CheckResult(boolean available, List<ImageDescriptor> required, List<ImageDescriptor> present,
                          List<ImageDescriptor> missing) {
    public CheckResult {
        required = List.copyOf(required);
        present = List.copyOf(present);
        missing = List.copyOf(missing);
    }

    /** {@return whether everything the image needs is present} */
    public boolean complete() {
        return available && missing.isEmpty();
    }

    public long requiredSize() {
        return required.stream().mapToLong(ImageDescriptor::size).sum();
    }

    public long presentSize() {
        return present.stream().mapToLong(ImageDescriptor::size).sum();
    }
}
