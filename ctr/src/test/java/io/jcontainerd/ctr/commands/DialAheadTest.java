package io.jcontainerd.ctr.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.client.DaemonChannel;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dial started before parsing: taken only for the same address and timeout, failing as the command's own dial. */
class DialAheadTest {
    private static final Duration QUICK = Duration.ofMillis(50);

    @TempDir
    Path dir;

    @Test
    void aDialForAnotherAddressOrTimeoutIsNotTaken() {
        String socket = dir.resolve("c.sock").toString();
        try (DialAhead ahead = DialAhead.start(socket, QUICK)) {
            assertThat(ahead.take(dir.resolve("other.sock").toString(), QUICK)).isEmpty();
            assertThat(ahead.take(socket, Duration.ofSeconds(3))).isEmpty();
        }
        assertThat(DialAhead.NONE.take(socket, QUICK)).isEmpty();
    }

    @Test
    void aFailedDialFailsTheCommandWithTheErrorItsOwnDialGives() {
        String missing = dir.resolve("missing.sock").toString();
        String own = messageOf(() -> DaemonChannel.dial(missing, QUICK));
        try (DialAhead ahead = DialAhead.start(missing, QUICK)) {
            assertThatThrownBy(() -> ahead.take(missing, QUICK)).isInstanceOf(ErrdefsException.class).hasMessage(own);
            assertThat(ahead.take(missing, QUICK)).as("taken once").isEmpty();
        }
    }

    private static String messageOf(Runnable dial) {
        try {
            dial.run();
            throw new AssertionError("dialed a missing socket");
        } catch (ErrdefsException e) {
            return e.getMessage();
        }
    }
}
