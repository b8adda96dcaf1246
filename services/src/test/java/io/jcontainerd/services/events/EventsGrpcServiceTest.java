package io.jcontainerd.services.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import containerd.events.Namespace.NamespaceCreate;
import containerd.events.Namespace.NamespaceDelete;
import containerd.services.events.v1.EventsGrpc;
import containerd.services.events.v1.EventsOuterClass.Envelope;
import containerd.services.events.v1.EventsOuterClass.ForwardRequest;
import containerd.services.events.v1.EventsOuterClass.PublishRequest;
import containerd.services.events.v1.EventsOuterClass.SubscribeRequest;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.events.Exchange;
import io.jcontainerd.core.events.SubscriberLimits;
import io.jcontainerd.services.grpc.InProcessGrpc;
import io.jcontainerd.ttrpc.TtrpcClient;
import io.jcontainerd.ttrpc.TtrpcServer;
import io.jcontainerd.ttrpc.TtrpcStatusException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Events API in-process, and its ttrpc Forward on a real socket. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventsGrpcServiceTest {
    private static final Any CREATE_A = Any.newBuilder().setTypeUrl("containerd.events.NamespaceCreate")
            .setValue(NamespaceCreate.newBuilder().setName("a").build().toByteString()).build();
    private static final Any DELETE_B = Any.newBuilder().setTypeUrl("containerd.events.NamespaceDelete")
            .setValue(NamespaceDelete.newBuilder().setName("b").build().toByteString()).build();
    // every subscription in these tests lets the marker through
    private static final Envelope MARKER = Envelope.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(1))
            .setNamespace("marker").setTopic("/test/marker").setEvent(CREATE_A).build();

    @TempDir
    Path dir;
    Exchange exchange = new Exchange(new EventFields(), SubscriberLimits.DEFAULT);
    EventsGrpcService service = new EventsGrpcService(exchange);
    InProcessGrpc grpc;
    ManagedChannel channel;
    EventsGrpc.EventsBlockingStub api;
    EventsGrpc.EventsBlockingStub withoutNamespace;
    Context.CancellableContext subscriptions = Context.current().withCancellation();

    @BeforeEach
    void start() throws Exception {
        grpc = InProcessGrpc.serve(service);
        channel = grpc.channel();
        withoutNamespace = EventsGrpc.newBlockingStub(channel);
        api = withoutNamespace.withInterceptors(InProcessGrpc.namespace("ns1"));
    }

    @AfterEach
    void stop() {
        subscriptions.cancel(null);
        grpc.close();
        exchange.close();
    }

    /** A Subscribe call's stream as a queue, so that tests can wait with a timeout. */
    private static final class Stream implements StreamObserver<Envelope> {
        private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        @Override
        public void onNext(Envelope envelope) {
            received.add(envelope);
        }

        @Override
        public void onError(Throwable t) {
            received.add(t);
        }

        @Override
        public void onCompleted() {
            received.add("completed");
        }

        /** {@return the next envelope other than a marker; fails on an error, the end or a timeout} */
        Envelope next() throws Exception {
            while (true) {
                Object next = received.poll(5, TimeUnit.SECONDS);
                if (!(next instanceof Envelope envelope)) {
                    throw new AssertionError("expected an envelope, got " + next, next instanceof Throwable t ? t : null);
                }
                if (!envelope.getTopic().equals(MARKER.getTopic())) {
                    return envelope;
                }
            }
        }

        /** {@return how the stream ended} */
        Throwable error() throws InterruptedException {
            Object next;
            do {
                next = received.poll(5, TimeUnit.SECONDS);
            } while (next instanceof Envelope);
            assertThat(next).isInstanceOf(Throwable.class);
            return (Throwable) next;
        }
    }

    /** Opens a subscription and waits until the exchange has it (a marker gets through), so nothing published next is missed. */
    private Stream subscribe(String... filters) throws Exception {
        Stream stream = new Stream();
        subscriptions.run(() -> EventsGrpc.newStub(channel)
                .subscribe(SubscribeRequest.newBuilder().addAllFilters(List.of(filters)).build(), stream));
        while (true) {
            exchange.forward(EventProtos.fromProto(MARKER));
            Object first = stream.received.poll(50, TimeUnit.MILLISECONDS);
            if (first instanceof Envelope) {
                return stream;
            }
            if (first != null) {
                throw new AssertionError("subscription ended: " + first);
            }
        }
    }


    @Test
    void publish_reaches_subscribers_stamped_with_the_callers_namespace() throws Exception {
        Stream stream = subscribe();
        Instant before = Instant.now();
        api.publish(PublishRequest.newBuilder().setTopic("/namespaces/create").setEvent(CREATE_A).build());

        Envelope got = stream.next();
        assertThat(got.getNamespace()).isEqualTo("ns1");
        assertThat(got.getTopic()).isEqualTo("/namespaces/create");
        assertThat(got.getEvent()).isEqualTo(CREATE_A);
        assertThat(Instant.ofEpochSecond(got.getTimestamp().getSeconds(), got.getTimestamp().getNanos()))
                .isBetween(before, Instant.now());
    }

    @Test
    void publish_needs_a_namespace_an_event_and_a_valid_topic() {
        assertThatThrownBy(() -> withoutNamespace.publish(PublishRequest.newBuilder().setTopic("/t").setEvent(CREATE_A).build()))
                .hasMessage("FAILED_PRECONDITION: failed publishing event: namespace is required: failed precondition");
        assertThatThrownBy(() -> api.publish(PublishRequest.newBuilder().setTopic("/t").build()))
                .hasMessage("INVALID_ARGUMENT: event is required: invalid argument");
        assertThatThrownBy(() -> api.publish(PublishRequest.newBuilder().setTopic("t").setEvent(CREATE_A).build()))
                .hasMessage("INVALID_ARGUMENT: envelope topic \"t\": must start with '/': invalid argument");
    }

    @Test
    void forward_keeps_timestamp_and_namespace() throws Exception {
        Stream stream = subscribe("namespace==shim-ns", "namespace==marker");
        Envelope envelope = Envelope.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(1_600_000_000).setNanos(5))
                .setNamespace("shim-ns").setTopic("/tasks/exit").setEvent(DELETE_B).build();
        api.forward(ForwardRequest.newBuilder().setEnvelope(envelope).build());
        assertThat(stream.next()).isEqualTo(envelope);
    }

    @Test
    void forward_without_timestamp_is_invalid() {
        Envelope envelope = Envelope.newBuilder().setNamespace("ns").setTopic("/t").setEvent(CREATE_A).build();
        assertThatThrownBy(() -> api.forward(ForwardRequest.newBuilder().setEnvelope(envelope).build()))
                .hasMessage("INVALID_ARGUMENT: timestamp must be set on forwarded event: invalid argument");
    }

    @Test
    void subscribe_filters_on_event_fields() throws Exception {
        Stream stream = subscribe("event.name==b", "namespace==marker");
        api.publish(PublishRequest.newBuilder().setTopic("/namespaces/create").setEvent(CREATE_A).build());
        api.publish(PublishRequest.newBuilder().setTopic("/namespaces/delete").setEvent(DELETE_B).build());
        assertThat(stream.next().getTopic()).isEqualTo("/namespaces/delete");
    }

    @Test
    void a_bad_filter_fails_the_subscription_with_upstreams_unknown_error() throws Exception {
        Stream stream = new Stream();
        EventsGrpc.newStub(channel).subscribe(SubscribeRequest.newBuilder().addFilters("topic==").build(), stream);
        assertThat(stream.error()).isInstanceOf(StatusRuntimeException.class)
                .hasMessage("UNKNOWN: subscription error: failed parsing subscription filters: filters: parse error:"
                        + " [topic==]: expected value or quoted: invalid argument");
    }

    @Test
    void closing_the_exchange_ends_streams_with_unavailable() throws Exception {
        Stream stream = subscribe();
        exchange.close();
        assertThat(stream.error()).isInstanceOf(StatusRuntimeException.class)
                .hasMessage("UNAVAILABLE: event exchange is shutting down: unavailable");
    }

    @Test
    void forward_over_ttrpc_reaches_grpc_subscribers() throws Exception {
        Stream stream = subscribe("topic==\"/tasks/oom\"", "namespace==marker");
        Path socket = dir.resolve("t.sock");
        try (TtrpcServer ttrpc = new TtrpcServer().register(service)) {
            ttrpc.listen(socket);
            try (TtrpcClient client = TtrpcClient.connect(socket)) {
                var envelope = containerd.services.events.ttrpc.v1.EventsOuterClass.Envelope.newBuilder()
                        .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(123))
                        .setNamespace("k8s.io").setTopic("/tasks/oom").setEvent(DELETE_B).build();
                client.call(EventsGrpcService.TTRPC_SERVICE, "Forward",
                        containerd.services.events.ttrpc.v1.EventsOuterClass.ForwardRequest.newBuilder()
                                .setEnvelope(envelope).build(), Empty.parser());
                Envelope got = stream.next();
                assertThat(got.getNamespace()).isEqualTo("k8s.io");
                assertThat(got.getTimestamp()).isEqualTo(envelope.getTimestamp());
                assertThat(got.getEvent()).isEqualTo(DELETE_B);

                assertThatThrownBy(() -> client.call(EventsGrpcService.TTRPC_SERVICE, "Forward",
                        containerd.services.events.ttrpc.v1.EventsOuterClass.ForwardRequest.getDefaultInstance(),
                        Empty.parser()))
                        .isInstanceOf(TtrpcStatusException.class)
                        .hasMessage("rpc error: code = InvalidArgument desc = event envelope has invalid namespace:"
                                + " identifier must not be empty: invalid argument");
            }
        }
    }
}
