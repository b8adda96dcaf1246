package io.jcontainerd.shim;

import containerd.v1.types.Task.Status;

/** Where a process is in its life, with the status containerd's API names it by. */
enum ProcessStatus {
    CREATED(Status.CREATED), RUNNING(Status.RUNNING), PAUSED(Status.PAUSED), STOPPED(Status.STOPPED);

    private final Status api;

    ProcessStatus(Status api) {
        this.api = api;
    }

    Status api() {
        return api;
    }
}
