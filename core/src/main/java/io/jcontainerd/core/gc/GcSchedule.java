package io.jcontainerd.core.gc;

import java.time.Duration;

/**
 * When to collect, as containerd's {@code io.containerd.gc.v1 scheduler} options say it.
 *
 * @param pauseThreshold    the share of time collections may take: after each one the next waits
 *                          {@code average / pauseThreshold - average} (clamped to 0..0.5; 0 keeps a 1 s interval)
 * @param deletionThreshold collect after this many deletions; 0 collects after any deletion, at the next
 *                          tick once a first collection has run
 * @param mutationThreshold collect after this many changes of any kind; 0 never for changes alone
 * @param scheduleDelay     how long a due collection waits, to batch deletions
 * @param startupDelay      the first collection after start
 */
public record GcSchedule(double pauseThreshold, int deletionThreshold, int mutationThreshold,
                         Duration scheduleDelay, Duration startupDelay) {
    public GcSchedule {
        // upstream clamps rather than refusing
        pauseThreshold = Math.clamp(pauseThreshold, 0.0, 0.5);
        mutationThreshold = Math.max(mutationThreshold, 0);
        scheduleDelay = scheduleDelay.isNegative() ? Duration.ZERO : scheduleDelay;
        startupDelay = startupDelay.isNegative() ? Duration.ZERO : startupDelay;
    }
}
