package io.jcontainerd.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stdout a client sends, read as the Go shim's createIO reads it. */
class OutputTargetTest {
    @Test
    void pathsWithoutASchemeAreTheClientsFifos() {
        assertThat(OutputTarget.of("/run/containerd/fifo/1/id-stdout", "/run/x/id-stderr"))
                .isEqualTo(new OutputTarget.Fifos("/run/containerd/fifo/1/id-stdout", "/run/x/id-stderr"));
        assertThat(OutputTarget.of("/tmp/with space/out", "")).isEqualTo(new OutputTarget.Fifos("/tmp/with space/out", ""));
        assertThat(OutputTarget.of("", "")).isEqualTo(new OutputTarget.Fifos("", ""));
    }

    @Test
    void fileAndBinaryUrisNameALogFileOrALoggingProgramWithItsFlags() {
        assertThat(OutputTarget.of("file:///var/log/app/out.log", "file:///var/log/app/out.log"))
                .isEqualTo(new OutputTarget.File(Path.of("/var/log/app/out.log")));
        assertThat(OutputTarget.of("binary:///usr/local/bin/logger?--tag=web+1&-v&--tag=ignored&x=%2Fa", ""))
                .isEqualTo(new OutputTarget.Binary(Path.of("/usr/local/bin/logger"),
                        List.of("--tag", "web 1", "-v", "", "x", "/a")));
        assertThat(OutputTarget.of("binary:///usr/local/bin/logger", ""))
                .isEqualTo(new OutputTarget.Binary(Path.of("/usr/local/bin/logger"), List.of()));
    }

    @Test
    void otherSchemesAreRefusedAsUpstreamRefusesThem() {
        assertThatThrownBy(() -> OutputTarget.of("syslog://host/x", ""))
                .isInstanceOf(ErrdefsException.class).hasMessage("unknown STDIO scheme syslog");
    }
}
