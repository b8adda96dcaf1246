package io.jcontainerd.ctr.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogfmtLoggerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String logged() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesLogrusTextFormat() {
        new LogfmtLogger(out, LogfmtLogger.Level.ERROR).error("unable to delete yy",
                Map.of("error", "namespace \"yy\" must be empty, but it still has blobs: failed precondition"));
        assertThat(logged()).matches("time=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)\""
                + " level=error msg=\"unable to delete yy\""
                + " error=\"namespace \\\\\"yy\\\\\" must be empty, but it still has blobs: failed precondition\"\n");
    }

    @Test
    void sortsFieldsAndQuotesOnlyWhenNeeded() {
        new LogfmtLogger(out, LogfmtLogger.Level.DEBUG).debug("m", Map.of("z", "a/b@c^d+e-f.g_h", "a", "[x y]"));
        assertThat(logged()).endsWith(" level=debug msg=m a=\"[x y]\" z=a/b@c^d+e-f.g_h\n");
    }

    @Test
    void dropsMessagesBelowTheThreshold() {
        new LogfmtLogger(out, LogfmtLogger.Level.ERROR).debug("hidden", Map.of());
        assertThat(logged()).isEmpty();
    }
}
