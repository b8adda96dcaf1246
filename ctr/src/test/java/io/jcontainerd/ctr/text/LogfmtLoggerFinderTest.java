package io.jcontainerd.ctr.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogfmtLoggerFinderTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LogfmtLoggerFinder finder = new LogfmtLoggerFinder();

    @BeforeEach
    void install() {
        LogfmtLoggerFinder.install(new LogfmtLogger(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                LogfmtLogger.Level.INFO));
    }

    @AfterEach
    void restore() {
        LogfmtLoggerFinder.install(new LogfmtLogger(System.err, LogfmtLogger.Level.INFO));
    }

    private String logged() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMapParameterIsTheLinesFields() {
        System.Logger log = finder.getLogger("io.jcontainerd.client.images.Unpacker", getClass().getModule());
        log.log(System.Logger.Level.INFO, "apply failure, attempting cleanup", Map.of("key", "extract-1 x", "error", "e"));
        assertThat(logged()).endsWith(" level=info msg=\"apply failure, attempting cleanup\" error=e key=\"extract-1 x\"\n");
    }

    @Test
    void otherParametersFillThePattern() {
        System.Logger log = finder.getLogger("io.jcontainerd.image.Images", getClass().getModule());
        log.log(System.Logger.Level.WARNING, "encountered unknown type {0}", "x/y");
        assertThat(logged()).endsWith(" level=warning msg=\"encountered unknown type x/y\"\n");
    }

    @Test
    void levelsBelowTheThresholdAndTheJdksLoggersStaySilent() {
        finder.getLogger("io.jcontainerd.x", getClass().getModule()).log(System.Logger.Level.DEBUG, "hidden");
        System.Logger jdk = finder.getLogger("java.lang.Runtime", Object.class.getModule());
        jdk.log(System.Logger.Level.ERROR, "Runtime.exit() called");
        assertThat(jdk.isLoggable(System.Logger.Level.ERROR)).isFalse();
        assertThat(logged()).isEmpty();
    }
}
