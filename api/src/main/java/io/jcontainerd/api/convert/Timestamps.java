package io.jcontainerd.api.convert;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Times on the wire. containerd's non-nullable timestamps send Go's zero time for "never", so do we. */
public final class Timestamps {
    /** Go's zero {@code time.Time}, 0001-01-01T00:00:00Z. */
    public static final Timestamp GO_ZERO = of(Instant.parse("0001-01-01T00:00:00Z"));

    private Timestamps() {
    }

    public static Timestamp of(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    /** {@return {@code t}, or Go's zero time when it is null} */
    public static Timestamp orZero(Instant t) {
        return t == null ? GO_ZERO : of(t);
    }

    public static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
