package io.jcontainerd.ctr.commands.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.client.ServerVersion;
import io.jcontainerd.ctr.commands.BuildInfo;
import org.junit.jupiter.api.Test;

class VersionTextTest {
    @Test
    void clientBlock() {
        assertThat(VersionText.client(new BuildInfo("0.1.0", "abc"), "25.0.1")).isEqualTo("""
                Client:
                  Version:  0.1.0
                  Revision: abc
                  Java version: 25.0.1

                """);
    }

    @Test
    void serverBlockMatchesCtr() {
        assertThat(VersionText.server(new ServerVersion("1.6.20~ds1", "1.6.20~ds1-1+deb12u3"), "e552"))
                .isEqualTo("""
                        Server:
                          Version:  1.6.20~ds1
                          Revision: 1.6.20~ds1-1+deb12u3
                          UUID: e552
                        """);
    }

    @Test
    void buildInfoComesFromTheFilteredResource() {
        assertThat(BuildInfo.load().version()).isEqualTo("0.1.0");
    }
}
