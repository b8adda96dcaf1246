package io.jcontainerd.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinuxTest {

    @Test
    void deviceNumbersRoundTripOverTheWholeUnsigned32BitRange() {
        long[][] cases = {{0, 0}, {1, 3}, {8, 0}, {4095, 255}, {4096, 256}, {0xffffffffL, 0xffffffffL}, {0x12345678L, 0x9abcdef0L}};
        for (long[] c : cases) {
            long dev = Linux.makedev(c[0], c[1]);
            assertThat(Linux.major(dev)).as("major of %s", c[0]).isEqualTo(c[0]);
            assertThat(Linux.minor(dev)).as("minor of %s", c[1]).isEqualTo(c[1]);
        }
        assertThat(Linux.makedev(1, 3)).isEqualTo(0x103); // glibc's encoding of /dev/null
    }

    @Test
    void deviceNumbersOutOfRangeAreRefusedNotTruncated() {
        assertThatThrownBy(() -> Linux.makedev(1L << 40, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("major");
        assertThatThrownBy(() -> Linux.makedev(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minor");
    }
}
