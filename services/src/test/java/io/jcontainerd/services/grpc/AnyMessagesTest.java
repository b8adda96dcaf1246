package io.jcontainerd.services.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import containerd.services.streaming.v1.StreamingOuterClass.StreamInit;
import containerd.types.transfer.Registry.OCIRegistry;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.types.TypedValue;
import org.junit.jupiter.api.Test;

class AnyMessagesTest {
    private static final StreamInit INIT = StreamInit.newBuilder().setId("progress-1").build();

    @Test
    void messages_are_sent_under_their_bare_full_name_as_containerd_2_does() {
        TypedValue packed = AnyMessages.packForStream(INIT);
        assertThat(packed.typeUrl()).isEqualTo("containerd.services.streaming.v1.StreamInit");
        assertThat(AnyMessages.unpack(packed, StreamInit.getDefaultInstance())).isEqualTo(INIT);
    }

    @Test
    void the_google_type_url_form_is_accepted_too() {
        Any any = Any.pack(INIT);
        assertThat(any.getTypeUrl()).startsWith("type.googleapis.com/");
        assertThat(AnyMessages.unpack(any, StreamInit.getDefaultInstance())).isEqualTo(INIT);
    }

    @Test
    void another_type_or_bad_bytes_are_invalid_arguments() {
        assertThatThrownBy(() -> AnyMessages.unpack(Any.pack(INIT), OCIRegistry.getDefaultInstance()))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
        assertThatThrownBy(() -> AnyMessages.unpack(new TypedValue("containerd.services.streaming.v1.StreamInit",
                new byte[] {(byte) 0xff}), StreamInit.getDefaultInstance()))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }
}
