package io.jcontainerd.client;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import containerd.services.streaming.v1.StreamingGrpc;
import containerd.services.streaming.v1.StreamingOuterClass.StreamInit;
import io.grpc.Channel;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.HexFormat;
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
        ClientStream stream = new ClientStream(id);
        stub.stream(stream.observer());
        stream.send(StreamInit.newBuilder().setId(id).build());
        Optional<Any> ack = stream.receive();
        if (ack.isEmpty() || !ack.get().getTypeUrl().endsWith(Empty.getDescriptor().getFullName())) {
            stream.cancel("unexpected acknowledgement");
            throw new ErrdefsException(ErrorKind.UNKNOWN, "stream " + id + ": unexpected acknowledgement "
                    + ack.map(Any::getTypeUrl).orElse("(end of stream)"));
        }
        return stream;
    }
}
