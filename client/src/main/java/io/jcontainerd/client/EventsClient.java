package io.jcontainerd.client;

import containerd.services.events.v1.EventsGrpc;
import containerd.services.events.v1.EventsOuterClass.SubscribeRequest;
import io.grpc.Channel;
import io.grpc.Context;
import java.util.List;

/** The events service: a stream of what happens in the daemon, across all namespaces unless filtered. */
public final class EventsClient {
    private final EventsGrpc.EventsBlockingStub stub;

    EventsClient(Channel channel) {
        this.stub = EventsGrpc.newBlockingStub(channel);
    }

    /**
     * Subscribes to the events matching any of {@code filters} (containerd filters on
     * {@code namespace}, {@code topic} and {@code event.*}; none means all). Close the
     * subscription to end it.
     */
    public EventSubscription subscribe(List<String> filters) {
        Context.CancellableContext call = Context.current().withCancellation();
        SubscribeRequest request = SubscribeRequest.newBuilder().addAllFilters(filters).build();
        // the call belongs to the context current when it starts: cancelling that context ends it
        Context previous = call.attach();
        try {
            return new EventSubscription(call, stub.subscribe(request));
        } finally {
            call.detach(previous);
        }
    }
}
