package io.jcontainerd.shim;

import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.Syscalls;
import io.jcontainerd.sys.mount.Mounter;

/**
 * What every container of this shim shares: its namespace, the kernel, the reaper, the event
 * stream and the watch on readable descriptors (stdin FIFOs, OOM eventfds).
 */
record ShimContext(String namespace, Syscalls sys, Reaper reaper, Mounter mounter, EventForwarder events,
        ReadableWatch readableWatch) {
}
