package io.jcontainerd.client;

import java.time.Instant;

/** How a process ended, as {@code Wait} and {@code Delete} answer: its exit code and time. */
public record ExitStatus(int code, Instant exitedAt) {
}
