package io.jcontainerd.core.mount;

import java.util.List;
import java.util.Objects;

/**
 * A mount described, not performed: what snapshotters return and differs and runtimes mount, as
 * containerd's {@code types.Mount}. {@code type} is the filesystem type ({@code overlay}, {@code bind});
 * {@code target} is a subpath of the mount point, empty for the mount point itself.
 */
public record Mount(String type, String source, String target, List<String> options) {
    public Mount {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        target = target == null ? "" : target;
        options = List.copyOf(options);
    }

    public static Mount of(String type, String source, List<String> options) {
        return new Mount(type, source, "", options);
    }
}
