package io.jcontainerd.services.events;

import com.google.protobuf.Empty;
import containerd.services.events.v1.EventsGrpc;
import containerd.services.events.v1.EventsOuterClass.Envelope;
import containerd.services.events.v1.EventsOuterClass.ForwardRequest;
import containerd.services.events.v1.EventsOuterClass.PublishRequest;
import containerd.services.events.v1.EventsOuterClass.SubscribeRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.events.Exchange;
import io.jcontainerd.core.events.Subscription;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.services.grpc.Unary;
import io.jcontainerd.ttrpc.TtrpcMethod;
import io.jcontainerd.ttrpc.TtrpcService;
import java.util.List;
import java.util.Map;

/**
 * {@code io.containerd.grpc.v1 events}: the Events API over the {@link Exchange}. Like upstream's
 * plugin it also serves {@code containerd.services.events.ttrpc.v1.Events} (Forward) on the ttrpc
 * socket, for shims; upstream has no separate ttrpc plugin for it, so neither do we.
 */
public final class EventsGrpcService extends EventsGrpc.EventsImplBase implements TtrpcService {
    public static final String TTRPC_SERVICE = "containerd.services.events.ttrpc.v1.Events";
    private final Exchange exchange;

    public EventsGrpcService(Exchange exchange) {
        this.exchange = exchange;
    }

    public static Registration<EventsGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "events", List.of(PluginTypes.EVENT), ctx ->
                new EventsGrpcService(ctx.plugins().byId(PluginTypes.EVENT, ExchangePlugin.ID, Exchange.class)
                        .orElseThrow(() -> new IllegalStateException("event exchange not loaded"))));
    }

    @Override
    public void publish(PublishRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            exchange.publish(RequestNamespace.current().orElse(null), request.getTopic(),
                    EventProtos.payload(request.getEvent()));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void forward(ForwardRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> forwardEnvelope(request));
    }

    @Override
    public void subscribe(SubscribeRequest request, StreamObserver<Envelope> observer) {
        Subscription subscription;
        try {
            subscription = exchange.subscribe(request.getFiltersList());
        } catch (ErrdefsException e) {
            // upstream returns subscription errors without errdefs.ToGRPC, so clients see Unknown
            observer.onError(Status.UNKNOWN.withDescription("subscription error: " + e.getMessage()).asRuntimeException());
            return;
        }
        SubscriptionStream.start(subscription, (ServerCallStreamObserver<Envelope>) observer);
    }

    @Override
    public String name() {
        return TTRPC_SERVICE;
    }

    // the ttrpc ForwardRequest is a copy of the gRPC one, field for field, so the gRPC parser reads it
    @Override
    public Map<String, TtrpcMethod> methods() {
        return Map.of("Forward", TtrpcMethod.of(ForwardRequest.parser(), (context, request) -> forwardEnvelope(request)));
    }

    private Empty forwardEnvelope(ForwardRequest request) {
        exchange.forward(EventProtos.fromProto(request.getEnvelope()));
        return Empty.getDefaultInstance();
    }
}
