package io.jcontainerd.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** waitpid status words as the kernel makes them: exit code in bits 8-15, a signal in bits 0-6. */
class ChildExitTest {
    @Test
    void anExitCodeIsItself() {
        assertThat(new ChildExit(1, 3 << 8).exitStatus()).isEqualTo(3);
        assertThat(new ChildExit(1, 3 << 8).signaled()).isFalse();
        assertThat(new ChildExit(1, 0).exitStatus()).isZero();
    }

    @Test
    void aSignalIs128PlusItsNumberWithOrWithoutACoreDump() {
        assertThat(new ChildExit(1, 9).exitStatus()).isEqualTo(137);
        assertThat(new ChildExit(1, 0x80 | 11).exitStatus()).isEqualTo(139);
        assertThat(new ChildExit(1, 9).signaled()).isTrue();
    }
}
