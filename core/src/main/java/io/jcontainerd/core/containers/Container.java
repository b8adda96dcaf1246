package io.jcontainerd.core.containers;

import io.jcontainerd.core.types.TypedValue;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A container's metadata, as containerd's {@code containers.Container}: what to run (spec), with
 * which runtime, on which snapshot. It holds its snapshot (and whatever its {@code gc.ref} labels
 * name) against garbage collection; a task is a separate, running thing.
 *
 * @param image       the image it was made from; informational, not a reference for GC
 * @param spec        the OCI runtime spec, as the client encoded it; null only in an update that does not touch it
 * @param snapshotter empty when the container has no snapshot
 * @param createdAt   set by the store
 * @param updatedAt   set by the store
 */
public record Container(String id, Map<String, String> labels, String image, Runtime runtime, TypedValue spec,
                        String snapshotter, String snapshotKey, Map<String, TypedValue> extensions,
                        Instant createdAt, Instant updatedAt) {
    public Container {
        Objects.requireNonNull(id, "id");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        image = image == null ? "" : image;
        runtime = runtime == null ? new Runtime("", null) : runtime;
        snapshotter = snapshotter == null ? "" : snapshotter;
        snapshotKey = snapshotKey == null ? "" : snapshotKey;
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /**
     * The runtime a container's tasks run under.
     *
     * @param name    e.g. {@code io.containerd.runc.v2}
     * @param options runtime-specific options; null when none were given
     */
    public record Runtime(String name, TypedValue options) {
        public Runtime {
            name = name == null ? "" : name;
        }
    }

    /** {@return this container with the store's times} */
    public Container stamped(Instant created, Instant updated) {
        return new Container(id, labels, image, runtime, spec, snapshotter, snapshotKey, extensions, created, updated);
    }
}
