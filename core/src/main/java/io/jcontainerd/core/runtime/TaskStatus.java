package io.jcontainerd.core.runtime;

/** A process's status, in the order and numbering of containerd's {@code task.Status}. */
public enum TaskStatus {
    UNKNOWN, CREATED, RUNNING, STOPPED, PAUSED, PAUSING
}
