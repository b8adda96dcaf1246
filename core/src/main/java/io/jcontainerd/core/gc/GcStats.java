package io.jcontainerd.core.gc;

import java.time.Duration;

/**
 * What one collection did.
 *
 * @param elapsed time the collection held the store
 * @param removed objects whose records were swept
 */
public record GcStats(Duration elapsed, int removed) {
}
