package io.jcontainerd.ctr.commands.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import containerd.events.Namespace.NamespaceUpdate;
import io.jcontainerd.core.events.EventEnvelope;
import io.jcontainerd.core.types.TypedValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTextTest {
    private static final Instant T = Instant.parse("2026-11-29T09:48:28.510159342Z");

    @Test
    void aLineAsCtrPrintsIt() throws Exception {
        var update = NamespaceUpdate.newBuilder().setName("foo").putLabels("a", "2").build();
        EventEnvelope envelope = new EventEnvelope(T, "default", "/namespaces/update",
                new TypedValue("containerd.events.NamespaceUpdate", update.toByteArray()));
        assertThat(EventText.line(envelope))
                .isEqualTo("2026-11-29 09:48:28.510159342 +0000 UTC default /namespaces/update {\"name\":\"foo\",\"labels\":{\"a\":\"2\"}}");
    }

    @Test
    void anUnknownTypeCannotBeShown() {
        EventEnvelope envelope = new EventEnvelope(T, "default", "/x", new TypedValue("example.Unknown", new byte[0]));
        assertThatThrownBy(() -> EventText.line(envelope)).isInstanceOf(InvalidProtocolBufferException.class)
                .hasMessage("type with url example.Unknown: not found");
    }
}
