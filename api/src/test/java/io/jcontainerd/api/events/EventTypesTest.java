package io.jcontainerd.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import containerd.events.Container.ContainerCreate;
import containerd.events.Namespace.NamespaceCreate;
import containerd.services.images.v1.Image.ImageDelete;
import org.junit.jupiter.api.Test;

class EventTypesTest {
    @Test
    void typeUrlsAreBareFullNamesAndDecodeBack() throws Exception {
        NamespaceCreate create = NamespaceCreate.newBuilder().setName("n").putLabels("a", "b").build();
        assertThat(EventTypes.typeUrl(create)).isEqualTo("containerd.events.NamespaceCreate");
        Message decoded = EventTypes.decode("containerd.events.NamespaceCreate", create.toByteString());
        assertThat(decoded.toByteString()).isEqualTo(create.toByteString());
        assertThat(decoded.getDescriptorForType()).isEqualTo(NamespaceCreate.getDescriptor());
    }

    @Test
    void imageEventsAndNestedMessagesAreKnown() throws Exception {
        assertThat(EventTypes.decode("containerd.services.images.v1.ImageDelete", ByteString.EMPTY).getDescriptorForType())
                .isEqualTo(ImageDelete.getDescriptor());
        assertThat(EventTypes.decode("containerd.events.ContainerCreate.Runtime", ByteString.EMPTY).getDescriptorForType())
                .isEqualTo(ContainerCreate.Runtime.getDescriptor());
    }

    @Test
    void otherNamesAreNotFoundLikeTypeurlSaysIt() {
        assertThatThrownBy(() -> EventTypes.decode("types.googleapis.com/containerd.events.NamespaceCreate", ByteString.EMPTY))
                .isInstanceOf(InvalidProtocolBufferException.class)
                .hasMessage("type with url types.googleapis.com/containerd.events.NamespaceCreate: not found");
        assertThatThrownBy(() -> EventTypes.decode("containerd.events.NamespaceCreate.LabelsEntry", ByteString.EMPTY))
                .isInstanceOf(InvalidProtocolBufferException.class);
    }
}
