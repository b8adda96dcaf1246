package io.jcontainerd.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DowncallFailureTest {
    @Test
    void anUncheckedExceptionIsReturnedAsItIs() {
        IllegalArgumentException e = new IllegalArgumentException("bad segment");
        assertThat(DowncallFailure.of("isatty", e)).isSameAs(e);
    }

    @Test
    void anErrorIsThrownAtOnce() {
        OutOfMemoryError e = new OutOfMemoryError("native");
        assertThatThrownBy(() -> DowncallFailure.of("isatty", e)).isSameAs(e);
    }

    @Test
    void aCheckedThrowableIsWrappedNamingTheFunction() {
        IOException e = new IOException("linkage");
        assertThat(DowncallFailure.of("isatty", e)).isInstanceOf(IllegalStateException.class)
                .hasMessage("isatty failed").hasCause(e);
    }
}
