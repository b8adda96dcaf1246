package io.jcontainerd.client.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device lookup as containerd's: nodes with their numbers and modes, directories walked, the rest refused. */
class HostDevicesTest {
    @TempDir
    Path dir;

    @Test
    void aNodeReadsWithItsNumbersModeAndOwner() throws IOException {
        List<RuntimeSpec.Device> devices = HostDevices.find(Path.of("/dev/null"), "");
        assertThat(devices).containsExactly(new RuntimeSpec.Device("/dev/null", "c", 1, 3, 0666, 0, 0));
        assertThat(HostDevices.find(Path.of("/dev/zero"), "/dev/mine"))
                .containsExactly(new RuntimeSpec.Device("/dev/mine", "c", 1, 5, 0666, 0, 0));
    }

    @Test
    void aDirectoryIsWalkedInNameOrderSkippingWhatContainerdSkips() throws IOException {
        List<RuntimeSpec.Device> all = HostDevices.all();
        assertThat(all).extracting(RuntimeSpec.Device::path).contains("/dev/null", "/dev/zero")
                .doesNotContain("/dev/console").noneMatch(p -> p.startsWith("/dev/pts/") || p.startsWith("/dev/shm/"));
        assertThat(all).noneMatch(d -> d.type().equals("p"));
    }

    @Test
    void whatIsNotADeviceIsRefusedWithContainerdsText() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> HostDevices.find(file, "")).hasMessage("not a device node");
        assertThatThrownBy(() -> HostDevices.find(dir.resolve("absent"), ""))
                .hasMessageContaining("error stating device path: stat " + dir.resolve("absent"));
        assertThat(HostDevices.find(dir, "")).isEmpty();
    }


    @Test
    void capabilitiesAreNamedByBitLeavingUnknownOnesOut() {
        assertThat(ProcessCapabilities.names(0b1_0000_0001L | 1L << 21 | 1L << 63))
                .containsExactly("CAP_CHOWN", "CAP_SETPCAP", "CAP_SYS_ADMIN");
    }
}
