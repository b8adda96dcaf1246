package io.jcontainerd.plugins.metadata;

import java.time.Instant;

/** Timestamps as the database stores them: nanoseconds since the epoch, the precision containerd keeps. */
public final class Nanos {
    private static final long PER_SECOND = 1_000_000_000L;

    private Nanos() {
    }

    public static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), PER_SECOND), t.getNano());
    }

    public static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, PER_SECOND), Math.floorMod(nanos, PER_SECOND));
    }
}
