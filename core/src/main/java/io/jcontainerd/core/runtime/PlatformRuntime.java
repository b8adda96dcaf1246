package io.jcontainerd.core.runtime;

import java.util.List;
import java.util.Optional;

/** Runs tasks, after containerd's {@code runtime.PlatformRuntime}: one task per container ID and namespace. */
public interface PlatformRuntime {
    /** {@return the plugin URI, e.g. io.containerd.runtime.v2.task} */
    String id();

    /**
     * Creates the task of container {@code id}, not started yet.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException ALREADY_EXISTS if it has one, or the
     *     runtime's error
     */
    Task create(String namespace, String id, CreateOpts opts);

    Optional<Task> get(String namespace, String id);

    /** {@return the tasks of {@code namespace}} */
    List<Task> tasks(String namespace);

    /** Deletes the task (its process must have exited), its shim and bundle. */
    Exit delete(String namespace, String id);
}
