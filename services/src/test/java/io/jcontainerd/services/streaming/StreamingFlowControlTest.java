package io.jcontainerd.services.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import containerd.services.streaming.v1.StreamingGrpc;
import containerd.services.streaming.v1.StreamingOuterClass.StreamInit;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.services.grpc.InProcessGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A client sending faster than the stream's user takes is held back: the daemon buffers a bounded window. */
class StreamingFlowControlTest {
    private static Any chunk(int i) {
        return Any.pack(BytesValue.of(ByteString.copyFromUtf8("chunk-" + i)));
    }

    @Test
    void theClientMaySendOnlyAWindowAheadOfWhatTheUserTook() throws Exception {
        StreamRegistry registry = new StreamRegistry();
        try (InProcessGrpc grpc = InProcessGrpc.serve(new StreamingGrpcService(registry))) {
            CountDownLatch opened = new CountDownLatch(1);
            AtomicInteger sent = new AtomicInteger();
            int total = 200;
            var requests = (ClientCallStreamObserver<Any>) StreamingGrpc.newStub(grpc.channel())
                    .withInterceptors(InProcessGrpc.namespace("ns")).stream(new StreamObserver<>() {
                        @Override
                        public void onNext(Any value) {
                            opened.countDown();
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
            requests.onNext(Any.pack(StreamInit.newBuilder().setId("s1").build()));
            assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
            // send whenever the transport says the server asked for more
            Thread sender = Thread.ofVirtual().start(() -> {
                while (sent.get() < total) {
                    if (requests.isReady()) {
                        requests.onNext(chunk(sent.getAndIncrement()));
                    } else {
                        Thread.onSpinWait();
                        Thread.yield();
                    }
                }
            });
            Thread.sleep(300); // a client without flow control would have sent all 200 by now
            assertThat(sent.get()).isBetween(1, GrpcStream.WINDOW + 2);

            Stream stream = registry.get("ns", "s1");
            List<String> received = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                TypedValue message = stream.recv();
                received.add(Any.parseFrom(io.jcontainerd.services.grpc.AnyMessages.any(message).toByteString())
                        .unpack(BytesValue.class).getValue().toStringUtf8());
            }
            assertThat(received).hasSize(total).startsWith("chunk-0", "chunk-1").endsWith("chunk-199");
            sender.join();
            requests.onCompleted();
            stream.close();
        }
    }
}
