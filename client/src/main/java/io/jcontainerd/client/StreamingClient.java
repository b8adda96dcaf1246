package io.jcontainerd.client;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import containerd.services.streaming.v1.StreamingGrpc;
import containerd.services.streaming.v1.StreamingOuterClass.StreamInit;
import io.grpc.Channel;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * containerd 2.x's Streaming API: streams a client opens and names so that a later call (a
 * transfer) can send it progress or ask it for credentials.
 */
public final class StreamingClient {
    private final StreamingGrpc.StreamingStub stub;

    StreamingClient(Channel channel) {
        this.stub = StreamingGrpc.newStub(channel);
    }

    /** {@return a fresh stream name such as {@code progress-1f2e…}, as upstream's {@code GenerateID}} */
    public static String generateId(String prefix) {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + "-" + HexFormat.of().formatHex(random);
    }

    /**
     * Opens the stream {@code id}: sends {@code StreamInit} and waits for the daemon's acknowledgement.
     *
     * @throws ErrdefsException ALREADY_EXISTS when the namespace has a stream of that name
     */
    public ClientStream open(String id) throws InterruptedException {
        return open(List.of(id)).getFirst();
    }

    /**
     * Opens the streams {@code ids} together: every {@code StreamInit} goes out before the first
     * acknowledgement is awaited, so that a transfer's auth and progress streams cost one round
     * trip, not two. When one fails, all are abandoned.
     *
     * @throws ErrdefsException ALREADY_EXISTS when the namespace has a stream of one of those names
     */
    public List<ClientStream> open(List<String> ids) throws InterruptedException {
        List<ClientStream> streams = new ArrayList<>();
        try {
            for (String id : ids) {
                ClientStream stream = new ClientStream(id);
                stub.stream(stream.observer());
                streams.add(stream);
                stream.send(StreamInit.newBuilder().setId(id).build());
            }
            for (ClientStream stream : streams) {
                awaitAcknowledgement(stream);
            }
        } catch (InterruptedException | RuntimeException e) {
            streams.forEach(stream -> stream.cancel("stream not opened"));
            throw e;
        }
        return streams;
    }

    private static void awaitAcknowledgement(ClientStream stream) throws InterruptedException {
        Optional<Any> ack = stream.receive();
        if (ack.isEmpty() || !ack.get().getTypeUrl().endsWith(Empty.getDescriptor().getFullName())) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "stream " + stream.id() + ": unexpected acknowledgement "
                    + ack.map(Any::getTypeUrl).orElse("(end of stream)"));
        }
    }
}
