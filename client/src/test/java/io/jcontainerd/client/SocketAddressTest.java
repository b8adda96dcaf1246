package io.jcontainerd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SocketAddressTest {
    @Test
    void stripsUnixSchemeButKeepsWhatWasGiven() {
        assertThat(SocketAddress.parse("unix:///run/c.sock"))
                .isEqualTo(new SocketAddress("unix:///run/c.sock", Path.of("/run/c.sock")));
        assertThat(SocketAddress.parse("/run/c.sock").path()).isEqualTo(Path.of("/run/c.sock"));
    }

    @Test
    void rejectsEmpty() {
        assertThatThrownBy(() -> SocketAddress.parse("unix://")).isInstanceOf(IllegalArgumentException.class);
    }
}
