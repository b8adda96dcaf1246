package io.jcontainerd.services.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import com.google.protobuf.StringValue;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A namespaced method behind the interceptor sees the header, or fails like containerd without it. */
class RequestNamespaceTest {
    private static final MethodDescriptor<Empty, StringValue> WHICH = MethodDescriptor.<Empty, StringValue>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("test.Namespaced/Which")
            .setRequestMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
            .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
            .build();
    InProcessGrpc grpc;
    ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        var service = ServerServiceDefinition.builder("test.Namespaced")
                .addMethod(WHICH, ServerCalls.asyncUnaryCall((req, obs) ->
                        Unary.reply(obs, () -> StringValue.of(RequestNamespace.required()))))
                .build();
        grpc = InProcessGrpc.serve(service);
        channel = grpc.channel();
    }

    @AfterEach
    void stop() {
        grpc.close();
    }

    private String call(String namespace) {
        Metadata headers = new Metadata();
        if (namespace != null) {
            headers.put(RequestNamespace.HEADER, namespace);
        }
        var ch = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        return ClientCalls.blockingUnaryCall(ch, WHICH, io.grpc.CallOptions.DEFAULT, Empty.getDefaultInstance()).getValue();
    }

    @Test
    void the_header_names_the_namespace() {
        assertThat(call("k8s.io")).isEqualTo("k8s.io");
    }

    @Test
    void a_missing_namespace_is_a_failed_precondition() {
        assertThatThrownBy(() -> call(null))
                .hasMessage("FAILED_PRECONDITION: namespace is required: failed precondition");
    }

    @Test
    void a_malformed_namespace_is_an_invalid_argument() {
        assertThatThrownBy(() -> call("../x"))
                .hasMessageStartingWith("INVALID_ARGUMENT: namespace validation: identifier \"../x\" must match");
    }
}
