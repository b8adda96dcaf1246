package io.jcontainerd.plugins.runtime.v2;

import io.jcontainerd.core.time.GoDuration;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code [timeouts]} a runtime v2 honours, by containerd's names: cleaning up after a dead
 * shim ({@code io.containerd.timeout.shim.cleanup}), reconnecting on start ({@code ...shim.load}),
 * asking a shim to exit ({@code ...shim.shutdown}) and asking a process's state
 * ({@code io.containerd.timeout.task.state}).
 */
record ShimTimeouts(Duration cleanup, Duration load, Duration shutdown, Duration state) {
    static final ShimTimeouts DEFAULTS = new ShimTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(3), Duration.ofSeconds(2));

    /** {@return the timeouts {@code values} sets, in Go duration syntax, the defaults for the others} */
    static ShimTimeouts of(Map<String, String> values) {
        return new ShimTimeouts(
                get(values, "io.containerd.timeout.shim.cleanup", DEFAULTS.cleanup),
                get(values, "io.containerd.timeout.shim.load", DEFAULTS.load),
                get(values, "io.containerd.timeout.shim.shutdown", DEFAULTS.shutdown),
                get(values, "io.containerd.timeout.task.state", DEFAULTS.state));
    }

    private static Duration get(Map<String, String> values, String key, Duration fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        Duration d = GoDuration.parse(value);
        // a zero or negative timeout would make every call fail at once; upstream's context would too,
        // but a config typo should not take every task down
        return d.isPositive() ? d : fallback;
    }
}
