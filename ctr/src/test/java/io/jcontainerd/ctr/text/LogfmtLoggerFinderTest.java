package io.jcontainerd.ctr.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogfmtLoggerFinderTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        LogfmtLoggerFinder.install(new LogfmtLogger(System.err, LogfmtLogger.Level.INFO));
    }

    @Test
    void jdkLoggersStaySilentEvenWithDebug() {
        LogfmtLoggerFinder.install(new LogfmtLogger(new PrintStream(err, true, StandardCharsets.UTF_8), LogfmtLogger.Level.DEBUG));
        LogfmtLoggerFinder finder = new LogfmtLoggerFinder();
        // what Runtime.exit logs at debug level under --debug
        finder.getLogger("java.lang.Runtime", Object.class.getModule())
                .log(System.Logger.Level.DEBUG, "Runtime.exit() called with status: 0");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        finder.getLogger("io.jcontainerd.client", getClass().getModule()).log(System.Logger.Level.DEBUG, "from jctr");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("level=debug msg=\"from jctr\"");
    }
}
