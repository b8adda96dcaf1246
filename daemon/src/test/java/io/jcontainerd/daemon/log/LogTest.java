package io.jcontainerd.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogTest {
    @Test
    void lines_are_logfmt_like_containerd() {
        String line = Log.format(Instant.parse("2026-11-29T08:00:00.123456789Z"), Level.WARN,
                "failed to load plugin x", "error", "disk \"full\"", "type", "io.containerd.v1");
        assertThat(line).isEqualTo("time=\"2026-11-29T08:00:00.123456789Z\" level=warning "
                + "msg=\"failed to load plugin x\" error=\"disk \\\"full\\\"\" type=io.containerd.v1\n");
    }

    @Test
    void simple_values_stay_bare_and_empty_ones_are_quoted() {
        assertThat(Log.value("ok")).isEqualTo("ok");
        assertThat(Log.value("")).isEqualTo("\"\"");
        assertThat(Log.value("a=b")).isEqualTo("\"a=b\"");
        assertThat(Log.value("line\nbreak")).isEqualTo("\"line\\nbreak\"");
    }
}
