package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import org.junit.jupiter.api.Test;

class VersionParityIT extends DaemonParityBase {
    /**
     * Each client describes itself (and jctr, being 0.1.0, warns about containerd's version),
     * each twin daemon has its own UUID; the server block must match otherwise.
     */
    private static String expectedDifferences(String text) {
        return text.replaceAll("(?s)^Client:\n.*?\n\n", "Client:\n<client>\n\n")
                .replaceAll("(?m)^  UUID: .*$", "  UUID: <uuid>")
                .replaceAll("(?m)^WARNING: (version|revision) mismatch\n", "")
                // ctr sometimes appends its dialer's own timeout error, depending on which timer fires first
                .replaceAll(": connection error: desc = .*timeout\"", "");
    }

    @Test
    void version() {
        ProcessResult result = parity.assertSame(VersionParityIT::expectedDifferences, "version");
        assertThat(result.stdout()).contains("Server:\n  Version:  ");
        ProcessResult raw = parity.tested("version");
        assertThat(raw.stdout()).startsWith("Client:\n  Version:  0.1.0\n  Revision: ")
                .containsPattern("(?m)^  UUID: [0-9a-f-]{36}$");
        assertThat(raw.stderr()).isEqualTo("WARNING: version mismatch\nWARNING: revision mismatch\n");
    }

    @Test
    void versionOnAMissingDaemonStillPrintsTheClient() {
        ProcessResult result = parity.assertSame(VersionParityIT::expectedDifferences,
                "--connect-timeout", "200ms", "-a", "/nonexistent/containerd.sock", "version");
        assertThat(result.exitCode()).isEqualTo(1);
    }
}
