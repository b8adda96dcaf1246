package io.jcontainerd.plugins.gc;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.gc.GcSchedule;
import io.jcontainerd.core.time.GoDuration;
import java.time.Duration;

/**
 * {@code [plugins."io.containerd.gc.v1.scheduler"]}, with containerd's keys and defaults; the
 * delays are Go duration strings ({@code "100ms"}).
 */
public record SchedulerConfig(double pauseThreshold, int deletionThreshold, int mutationThreshold,
                              String scheduleDelay, String startupDelay) {
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(0.02, 0, 100, "0s", "100ms");
    }

    /** @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for a delay Go would not parse */
    public GcSchedule schedule() {
        return new GcSchedule(pauseThreshold, deletionThreshold, mutationThreshold,
                duration("schedule_delay", scheduleDelay), duration("startup_delay", startupDelay));
    }

    private static Duration duration(String key, String text) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw Errdefs.invalidArgument(key + ": " + e.getMessage());
        }
    }
}
