package io.jcontainerd.services.tasks;

import io.jcontainerd.core.types.TypedValue;
import java.time.Instant;

/** One task's metrics as its runtime encoded them, and when they were collected. */
record Metric(Instant timestamp, String id, TypedValue data) {
}
