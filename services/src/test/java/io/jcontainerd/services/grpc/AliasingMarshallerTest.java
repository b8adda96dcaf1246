package io.jcontainerd.services.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import containerd.services.content.v1.ContentGrpc;
import containerd.services.content.v1.ContentOuterClass.WriteAction;
import containerd.services.content.v1.ContentOuterClass.WriteContentRequest;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Write requests parsed into one aliased array read the same as the stock marshaller's, and the service keeps every method. */
class AliasingMarshallerTest {
    private static final ServerServiceDefinition SERVICE = AliasingMarshaller.aliasingRequests(
            ContentGrpc.bindService(new ContentGrpc.AsyncService() {
            }), ContentGrpc.getWriteMethod(), WriteContentRequest.parser());

    @SuppressWarnings("unchecked")
    private static MethodDescriptor.Marshaller<WriteContentRequest> writeRequests() {
        return (MethodDescriptor.Marshaller<WriteContentRequest>) SERVICE
                .getMethod(ContentGrpc.getWriteMethod().getFullMethodName()).getMethodDescriptor().getRequestMarshaller();
    }

    @Test
    void parsesWhatTheStockMarshallerWrites() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        WriteContentRequest sent = WriteContentRequest.newBuilder().setAction(WriteAction.WRITE).setRef("layer-1")
                .setOffset(42).setTotal(1 << 21).setData(ByteString.copyFrom(data)).putLabels("a", "b").build();
        var marshaller = writeRequests();
        WriteContentRequest parsed = marshaller.parse(ContentGrpc.getWriteMethod().streamRequest(sent));
        assertThat(parsed).isEqualTo(sent);
        assertThat(parsed.getData().toByteArray()).isEqualTo(data);
        // also from a stream of unknown length
        assertThat(marshaller.parse(new ByteArrayInputStream(sent.toByteArray()))).isEqualTo(sent);
    }

    @Test
    void theOtherMethodsAreServedAsBefore() {
        assertThat(SERVICE.getMethods()).hasSameSizeAs(ContentGrpc.bindService(new ContentGrpc.AsyncService() {
        }).getMethods());
        assertThat(SERVICE.getMethod(ContentGrpc.getReadMethod().getFullMethodName()).getMethodDescriptor())
                .isSameAs(ContentGrpc.getReadMethod());
    }

    @Test
    void aMalformedRequestIsAnInternalError() {
        assertThatThrownBy(() -> writeRequests().parse(new ByteArrayInputStream(new byte[] {(byte) 0xff, 1, 2})))
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(Status.Code.INTERNAL));
    }
}
