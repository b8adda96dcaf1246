package io.jcontainerd.registry;

import io.jcontainerd.image.ImageDescriptor;
import java.util.Objects;

/**
 * What a reference resolved to.
 *
 * @param name       the reference as given
 * @param descriptor the manifest or index it names: media type as the registry declared it, digest and size
 */
public record Resolved(String name, ImageDescriptor descriptor) {
    public Resolved {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(descriptor, "descriptor");
    }
}
