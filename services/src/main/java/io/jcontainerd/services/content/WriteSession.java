package io.jcontainerd.services.content;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.UnsafeByteOperations;
import containerd.services.content.v1.ContentOuterClass.WriteAction;
import containerd.services.content.v1.ContentOuterClass.WriteContentRequest;
import containerd.services.content.v1.ContentOuterClass.WriteContentResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.services.grpc.GrpcErrors;
import io.jcontainerd.services.grpc.RequestLease;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.api.convert.Timestamps;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One Write call, following upstream's server loop: the first message names the ref and opens
 * the writer; every message is answered with the writer's offset; STAT reports, WRITE appends
 * at the current offset (offset 0 on a non-empty ingest truncates), COMMIT appends and commits,
 * which ends the call. Like upstream, the response is one message reused across requests, so
 * fields a STAT set stay in later answers.
 */
final class WriteSession implements StreamObserver<WriteContentRequest> {
    private static final System.Logger LOG = System.getLogger(WriteSession.class.getName());

    private final ContentService service;
    private final StreamObserver<WriteContentResponse> observer;
    private final WriteContentResponse.Builder response = WriteContentResponse.newBuilder()
            .setStartedAt(Timestamps.GO_ZERO).setUpdatedAt(Timestamps.GO_ZERO);
    private ContentStore store;
    private String ref;
    private Writer writer;
    private long total;
    private Digest expected;
    private boolean done;

    WriteSession(ContentService service, StreamObserver<WriteContentResponse> observer) {
        this.service = service;
        this.observer = observer;
    }

    @Override
    public void onNext(WriteContentRequest request) {
        if (done) {
            return;
        }
        try {
            if (writer == null) {
                open(request);
            }
            handle(request);
        } catch (Exception | Error e) {
            fail(e);
        }
    }

    private void open(WriteContentRequest first) throws IOException {
        ref = first.getRef();
        if (ref.isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription("first message must have a reference").asRuntimeException();
        }
        total = first.getTotal();
        expected = ContentProtos.optionalDigest(first.getExpected());
        store = service.in(RequestNamespace.required(), RequestLease.current());
        writer = store.writer(ref, total, expected);
    }

    private void handle(WriteContentRequest request) throws IOException {
        response.setAction(request.getAction());
        var status = writer.status();
        response.setOffset(status.offset());
        if (!request.getExpected().isEmpty()) {
            expected = Digest.parse(request.getExpected());
            if (present(expected)) {
                writer.close();
                abortQuietly();
                throw Status.ALREADY_EXISTS.withDescription("blob with expected digest " + expected + " exists")
                        .asRuntimeException();
            }
        }
        if (request.getTotal() > 0) {
            total = request.getTotal();
        }
        switch (request.getAction()) {
            case STAT -> response.setDigest(writer.digest().toString())
                    .setStartedAt(Timestamps.orZero(status.startedAt()))
                    .setUpdatedAt(Timestamps.orZero(status.updatedAt()))
                    .setTotal(total);
            case WRITE, COMMIT -> {
                write(request, status.offset());
                if (request.getAction() == WriteAction.COMMIT) {
                    writer.commit(total, expected, request.getLabelsMap());
                }
                response.setDigest(writer.digest().toString());
            }
            default -> {
                // upstream answers an unknown action with just the offset
            }
        }
        observer.onNext(response.build());
        if (request.getAction() == WriteAction.COMMIT) {
            finish();
        }
    }

    private void write(WriteContentRequest request, long current) throws IOException {
        long offset = request.getOffset();
        if (offset > 0 && offset != current) {
            throw Status.OUT_OF_RANGE.withDescription("write @" + offset + " must occur at current offset " + current)
                    .asRuntimeException();
        }
        if (offset == 0 && current > 0) {
            try {
                writer.truncate(0);
            } catch (ErrdefsException e) {
                // upstream wraps this one without a gRPC code: clients see UNKNOWN
                throw new IOException("truncate failed: " + e.getMessage());
            }
            response.setOffset(0);
        }
        if (!request.getData().isEmpty()) {
            // the message's own array, not a read-only view: the digest then reads it in place
            UnsafeByteOperations.unsafeWriteTo(request.getData(), new WriterOutput(writer));
            response.setOffset(response.getOffset() + request.getData().size());
        }
    }

    private boolean present(Digest digest) throws IOException {
        try {
            store.info(digest);
            return true;
        } catch (ErrdefsException e) {
            return false;
        }
    }

    private void abortQuietly() {
        try {
            store.abort(ref);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "failed to abort write: " + e.getMessage());
        }
    }

    /** The client closed its side: the writer is kept for a later resume. */
    @Override
    public void onCompleted() {
        if (!done) {
            finish();
        }
    }

    /** The client went away: keep the ingest, as upstream's deferred close does. */
    @Override
    public void onError(Throwable t) {
        done = true;
        closeWriter();
    }

    private void finish() {
        done = true;
        closeWriter();
        observer.onCompleted();
    }

    private void fail(Throwable t) {
        done = true;
        closeWriter();
        var status = GrpcErrors.toStatus(t);
        if (status.getCode() != Status.Code.ALREADY_EXISTS) {
            LOG.log(System.Logger.Level.ERROR, "(*service).Write failed: ref=" + ref + " error=" + status.getDescription());
        }
        observer.onError(status.asRuntimeException());
    }

    private void closeWriter() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "failed to close writer for ref " + ref + ": " + e.getMessage());
        }
    }

    /** The bytes of a request's data as the writer takes them; the writer only reads them. */
    private static final class WriterOutput extends ByteOutput {
        private final Writer writer;

        WriterOutput(Writer writer) {
            this.writer = writer;
        }

        @Override
        public void write(byte value) throws IOException {
            writer.write(ByteBuffer.wrap(new byte[] {value}));
        }

        @Override
        public void write(byte[] value, int offset, int length) throws IOException {
            writer.write(ByteBuffer.wrap(value, offset, length));
        }

        @Override
        public void writeLazy(byte[] value, int offset, int length) throws IOException {
            write(value, offset, length);
        }

        @Override
        public void write(ByteBuffer value) throws IOException {
            writer.write(value);
        }

        @Override
        public void writeLazy(ByteBuffer value) throws IOException {
            write(value);
        }
    }
}
