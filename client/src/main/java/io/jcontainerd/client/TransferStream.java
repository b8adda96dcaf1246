package io.jcontainerd.client;

import com.google.protobuf.Any;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import containerd.services.streaming.v1.StreamingGrpc;
import containerd.services.streaming.v1.StreamingOuterClass.StreamInit;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * One named stream of the Streaming API, opened for a transfer: the first message names it
 * ({@code StreamInit}), the daemon acknowledges, and from then on {@code Any} messages flow both
 * ways. Messages from the daemon go to the handler, on the channel's thread.
 */
final class TransferStream implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final ClientCallStreamObserver<Any> requests;
    private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private TransferStream(String id, Channel channel, Consumer<Any> handler) {
        this.id = id;
        this.requests = (ClientCallStreamObserver<Any>) StreamingGrpc.newStub(channel).stream(new StreamObserver<>() {
            @Override
            public void onNext(Any message) {
                if (!acknowledged.isDone()) {
                    acknowledged.complete(null);
                    return;
                }
                handler.accept(message);
            }

            @Override
            public void onError(Throwable t) {
                acknowledged.completeExceptionally(t);
                ended.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                acknowledged.complete(null);
                ended.complete(null);
            }
        });
    }

    /** Opens a stream named {@code <prefix>-<nanos>-<random>}, as upstream's {@code GenerateID}, and waits for the daemon to take it. */
    static TransferStream open(Channel channel, String prefix, Consumer<Any> handler) throws IOException {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        String id = prefix + "-" + System.nanoTime() % 1_000_000_000 + "-" + Base64.getUrlEncoder().encodeToString(random);
        TransferStream stream = new TransferStream(id, channel, handler);
        stream.send(StreamInit.newBuilder().setId(id).build());
        await(stream.acknowledged);
        return stream;
    }

    String id() {
        return id;
    }

    /** Sends a message as containerd 2.x does: the type URL is the message's bare full name. */
    synchronized void send(Message message) {
        requests.onNext(Any.newBuilder().setTypeUrl(message.getDescriptorForType().getFullName())
                .setValue(message.toByteString()).build());
    }

    /** Sends an encoded message under {@code typeUrl}; the caller hands {@code encoded} over (no copy). */
    synchronized void sendEncoded(String typeUrl, byte[] encoded) {
        requests.onNext(Any.newBuilder().setTypeUrl(typeUrl).setValue(UnsafeByteOperations.unsafeWrap(encoded)).build());
    }

    /** Tells the daemon nothing more comes from this side. */
    synchronized void finishSending() {
        requests.onCompleted();
    }

    /** Waits until the daemon has ended the stream. */
    void awaitEnd() throws IOException {
        await(ended);
    }

    @Override
    public void close() {
        if (!ended.isDone()) {
            requests.cancel("transfer done", null);
        }
    }

    static boolean is(Any any, Message prototype) {
        String name = prototype.getDescriptorForType().getFullName();
        return any.getTypeUrl().equals(name) || any.getTypeUrl().equals("type.googleapis.com/" + name);
    }

    /** {@return the message in {@code any}}; its {@code bytes} fields share the (immutable) value's bytes rather than copy them */
    @SuppressWarnings("unchecked")
    static <M extends Message> M unpack(Any any, M prototype) {
        CodedInputStream input = any.getValue().newCodedInput();
        input.enableAliasing(true);
        try {
            return (M) prototype.getParserForType().parseFrom(input);
        } catch (InvalidProtocolBufferException e) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "malformed " + prototype.getDescriptorForType().getFullName());
        }
    }

    private static void await(CompletableFuture<Void> future) throws IOException {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException s) {
                throw GrpcErrors.toErrdefs(s);
            }
            throw new IOException(e.getCause());
        }
    }
}
