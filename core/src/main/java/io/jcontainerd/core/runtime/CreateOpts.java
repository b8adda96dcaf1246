package io.jcontainerd.core.runtime;

import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.types.TypedValue;
import java.util.List;

/**
 * What a task is created from, as containerd's {@code runtime.CreateOpts}.
 *
 * @param spec           the container's OCI spec
 * @param runtime        the runtime name (io.containerd.runc.v2) or a shim binary's absolute path
 * @param runtimeOptions the container's runtime options; null when none
 * @param taskOptions    the create request's options; null when none
 */
public record CreateOpts(TypedValue spec, List<Mount> rootfs, StdioPaths io, String checkpoint, String runtime,
                         TypedValue runtimeOptions, TypedValue taskOptions) {
    public CreateOpts {
        rootfs = List.copyOf(rootfs);
        checkpoint = checkpoint == null ? "" : checkpoint;
    }
}
