package io.jcontainerd.services.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.types.TypedValue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamRegistryTest {
    /** A stream that only counts how often it was closed. */
    private static final class CountingStream implements Stream {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void send(TypedValue message) {
        }

        @Override
        public TypedValue recv() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private final StreamRegistry registry = new StreamRegistry();

    @Test
    void names_are_unique_per_namespace() {
        registry.register("a", "progress-1", new CountingStream());
        registry.register("b", "progress-1", new CountingStream());

        assertThatThrownBy(() -> registry.register("a", "progress-1", new CountingStream()))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
    }

    @Test
    void closing_a_stream_got_from_the_registry_closes_it_and_frees_its_name() {
        CountingStream stream = new CountingStream();
        registry.register("a", "auth-1", stream);

        registry.get("a", "auth-1").close();

        assertThat(stream.closes).hasValue(1);
        assertThatThrownBy(() -> registry.get("a", "auth-1"))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        registry.register("a", "auth-1", new CountingStream());
    }
}
