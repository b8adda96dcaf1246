package io.jcontainerd.client;

import com.google.protobuf.ByteString;
import containerd.services.content.v1.ContentGrpc;
import containerd.services.content.v1.ContentOuterClass.WriteAction;
import containerd.services.content.v1.ContentOuterClass.WriteContentRequest;
import containerd.services.content.v1.ContentOuterClass.WriteContentResponse;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One Write call driven request by request, as containerd's proxy {@code remoteWriter}: every
 * request waits for its answer, which carries the offset the server has.
 */
final class RemoteWriter implements AutoCloseable {
    /** containerd's client copies through a buffer of this size. */
    private static final int COPY_BUFFER_BYTES = 1 << 20;

    /** Queued when the server ends the call without an error. */
    private static final Object END = new Object();

    private final StreamObserver<WriteContentRequest> requests;
    /** Answers, then a {@link Throwable} or {@link #END} when the call is over. */
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private long offset;
    private String digest = "";
    private boolean closed;

    private RemoteWriter(ContentGrpc.ContentStub stub) {
        this.requests = stub.write(new StreamObserver<>() {
            @Override
            public void onNext(WriteContentResponse response) {
                answers.add(response);
            }

            @Override
            public void onError(Throwable t) {
                answers.add(t);
            }

            @Override
            public void onCompleted() {
                answers.add(END);
            }
        });
    }

    /** Opens the call with a STAT naming the ref, as containerd's client negotiates. */
    static RemoteWriter open(ContentGrpc.ContentStub stub, String ref, long total, Digest expected) {
        RemoteWriter writer = new RemoteWriter(stub);
        try {
            writer.offset = writer.send(WriteContentRequest.newBuilder().setAction(WriteAction.STAT)
                    .setRef(ref).setTotal(total).setExpected(expected == null ? "" : expected.toString()).build())
                    .getOffset();
            return writer;
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** {@return the digest of the bytes written so far, as the server reported it after the last write} */
    Digest digest() {
        return digest.isEmpty() ? null : Digest.parse(digest);
    }

    /** {@return the server's offset for the ingest} */
    long status(String context) {
        try {
            return send(WriteContentRequest.newBuilder().setAction(WriteAction.STAT).build()).getOffset();
        } catch (ErrdefsException e) {
            throw ContentClient.wrap(e, context + ": error getting writer status");
        }
    }

    /** {@return the number of bytes sent from {@code data}, in WRITE requests at the current offset} */
    long copy(InputStream data) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long copied = 0;
        int n;
        while ((n = data.readNBytes(buffer, 0, buffer.length)) > 0) {
            WriteContentResponse r;
            try {
                r = send(WriteContentRequest.newBuilder().setAction(WriteAction.WRITE).setOffset(offset)
                        .setData(ByteString.copyFrom(buffer, 0, n)).build());
            } catch (ErrdefsException e) {
                throw ContentClient.wrap(e, "failed to copy: failed to send write");
            }
            if (r.getOffset() - offset < n) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to copy: short write");
            }
            offset = r.getOffset();
            digest = r.getDigest();
            copied += n;
        }
        return copied;
    }

    void commit(long size, Digest expected, Map<String, String> labels) {
        WriteContentResponse r;
        try {
            r = send(WriteContentRequest.newBuilder().setAction(WriteAction.COMMIT).setTotal(size).setOffset(offset)
                    .setExpected(expected == null ? "" : expected.toString()).putAllLabels(labels).build());
        } catch (ErrdefsException e) {
            throw ContentClient.wrap(e, "commit failed");
        }
        if (size != 0 && r.getOffset() != size) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "unexpected size: " + r.getOffset() + " != " + size);
        }
        if (expected != null && !r.getDigest().equals(expected.toString())) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "unexpected digest: " + r.getDigest() + " != " + expected);
        }
    }

    private WriteContentResponse send(WriteContentRequest request) {
        requests.onNext(request);
        Object answer;
        try {
            answer = answers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrdefsException(ErrorKind.CANCELED, "context canceled", e);
        }
        if (answer instanceof WriteContentResponse response) {
            return response;
        }
        if (answer instanceof StatusRuntimeException e) {
            throw GrpcErrors.toErrdefs(e);
        }
        if (answer instanceof Throwable t) {
            throw GrpcErrors.toErrdefs(io.grpc.Status.fromThrowable(t).asRuntimeException());
        }
        throw new ErrdefsException(ErrorKind.UNKNOWN, "EOF");
    }

    /** Half-closes the call, like containerd's {@code CloseSend}. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            requests.onCompleted();
        }
    }
}
