package io.jcontainerd.core.containers;

import java.util.List;

/** The containers of one namespace, as containerd's {@code containers.Store}. */
public interface ContainerStore {
    /** @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND */
    Container get(String id);

    /**
     * {@return the containers matching any of {@code filters} (fields {@code id}, {@code image},
     * {@code runtime.name}, {@code labels.<key>}), by id}
     */
    List<Container> list(List<String> filters);

    /**
     * Stores a new container stamped with the current time.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException ALREADY_EXISTS; INVALID_ARGUMENT when it
     *     fails upstream's validation (id, labels, extension keys, runtime name, spec, snapshotter)
     */
    Container create(Container container);

    /**
     * Updates the fields named by {@code fieldpaths} ({@code labels[.key]}, {@code extensions[.key]},
     * {@code spec}, {@code image}, {@code snapshotkey}); none replaces those five, and then the
     * snapshotter and runtime name must not change.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND; INVALID_ARGUMENT
     */
    Container update(Container container, List<String> fieldpaths);

    /**
     * Deletes the container; its snapshot goes at the next garbage collection unless something else holds it.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND
     */
    void delete(String id);
}
