package io.jcontainerd.core.runtime;

import io.jcontainerd.core.types.TypedValue;

/** A pid in a task, with what the runtime knows about it (runc: its exec ID); {@code info} null when nothing. */
public record ProcessInfo(int pid, TypedValue info) {
}
