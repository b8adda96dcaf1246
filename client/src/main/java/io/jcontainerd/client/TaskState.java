package io.jcontainerd.client;

import io.jcontainerd.core.runtime.StdioPaths;
import io.jcontainerd.core.runtime.TaskStatus;
import java.time.Instant;

/** A task's (or exec's) process as the Tasks API reports it: {@code id} is the container's ID for the init process. */
public record TaskState(String containerId, String id, int pid, TaskStatus status, StdioPaths io, int exitStatus,
        Instant exitedAt) {
}
