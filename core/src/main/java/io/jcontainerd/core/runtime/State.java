package io.jcontainerd.core.runtime;

import java.time.Instant;

/** A process's state as its runtime reports it. */
public record State(int pid, TaskStatus status, StdioPaths io, int exitStatus, Instant exitedAt) {
}
