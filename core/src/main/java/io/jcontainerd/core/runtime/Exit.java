package io.jcontainerd.core.runtime;

import java.time.Instant;

/** How a process ended. {@code timestamp} is Go's zero time when the runtime did not say. */
public record Exit(int pid, int status, Instant timestamp) {
}
