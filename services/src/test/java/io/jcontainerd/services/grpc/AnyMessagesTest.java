package io.jcontainerd.services.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import containerd.services.streaming.v1.StreamingOuterClass.StreamInit;
import containerd.types.transfer.Registry.OCIRegistry;
import containerd.types.transfer.Streaming.Data;
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

    @Test
    void stream_messages_go_between_any_and_typed_value_unchanged() {
        Any data = Any.newBuilder().setTypeUrl("containerd.types.transfer.Data")
                .setValue(Data.newBuilder().setData(ByteString.copyFromUtf8("layer bytes")).build().toByteString()).build();
        TypedValue typed = AnyMessages.typed(data);
        assertThat(typed.typeUrl()).isEqualTo("containerd.types.transfer.Data");
        assertThat(AnyMessages.unpack(typed, Data.getDefaultInstance()).getData().toStringUtf8()).isEqualTo("layer bytes");
        assertThat(AnyMessages.any(typed)).isEqualTo(data);
    }
}
