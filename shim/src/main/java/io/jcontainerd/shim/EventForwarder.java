package io.jcontainerd.shim;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import containerd.services.events.v1.EventsOuterClass.Envelope;
import containerd.services.events.v1.EventsOuterClass.ForwardRequest;
import io.jcontainerd.ttrpc.TtrpcClient;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Publishes task events to the daemon in the order they were sent, over ttrpc to
 * {@code TTRPC_ADDRESS} ({@code containerd.services.events.ttrpc.v1.Events/Forward}), as the Go
 * shim's publisher: one sender thread, a connection made on first use and again after a failure
 * (the daemon may have restarted), an event dropped (and logged) after a few failed attempts.
 */
final class EventForwarder {
    private static final System.Logger LOG = System.getLogger(EventForwarder.class.getName());
    private static final String SERVICE = "containerd.services.events.ttrpc.v1.Events";
    private static final int ATTEMPTS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Path daemonSocket;
    private final String namespace;
    private final BlockingQueue<Envelope> queue = new LinkedBlockingQueue<>();
    private TtrpcClient client;

    EventForwarder(Path daemonSocket, String namespace) {
        this.daemonSocket = daemonSocket;
        this.namespace = namespace;
        Thread.ofVirtual().name("events").start(this::sendForever);
    }

    /** Queues {@code event} under {@code topic}; its type URL is its full name, as typeurl gives. */
    void send(String topic, Message event) {
        Instant now = Instant.now();
        queue.add(Envelope.newBuilder()
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setNamespace(namespace).setTopic(topic)
                .setEvent(Any.newBuilder().setTypeUrl(event.getDescriptorForType().getFullName())
                        .setValue(event.toByteString()))
                .build());
    }

    private void sendForever() {
        while (true) {
            Envelope envelope;
            try {
                envelope = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            forward(envelope);
        }
    }

    private void forward(Envelope envelope) {
        ForwardRequest request = ForwardRequest.newBuilder().setEnvelope(envelope).build();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (client == null) {
                    client = TtrpcClient.connect(daemonSocket);
                }
                client.call(SERVICE, "Forward", request, Empty.parser(), Map.of(), TIMEOUT);
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "post event " + envelope.getTopic() + " (attempt " + attempt + "): " + e.getMessage());
                disconnect();
                pause(attempt);
            }
        }
        LOG.log(Level.ERROR, "dropped event " + envelope.getTopic());
    }

    private void disconnect() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // gone either way
            }
            client = null;
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
