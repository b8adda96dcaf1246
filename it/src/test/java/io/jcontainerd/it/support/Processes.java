package io.jcontainerd.it.support;

import java.util.concurrent.TimeUnit;

/** Stopping a process this test started (and only it): SIGTERM, a grace period, then SIGKILL. */
final class Processes {
    static final long GRACE_SECONDS = 10;

    private Processes() {
    }

    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
