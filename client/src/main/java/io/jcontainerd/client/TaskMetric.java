package io.jcontainerd.client;

import io.jcontainerd.core.types.TypedValue;
import java.time.Instant;

/** One data point of a task's metrics: the runtime's own type in {@code data} (cgroups v1 or v2 metrics for runc). */
public record TaskMetric(String id, Instant timestamp, TypedValue data) {
}
