package io.jcontainerd.core.gc;

/** The kinds of object garbage collection tracks, as containerd's metadata GC names them. */
public enum ResourceType {
    CONTENT,
    SNAPSHOT,
    CONTAINER,
    TASK,
    IMAGE,
    LEASE,
    INGEST
}
