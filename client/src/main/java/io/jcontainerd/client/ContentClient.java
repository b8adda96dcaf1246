package io.jcontainerd.client;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import containerd.services.content.v1.ContentGrpc;
import containerd.services.content.v1.ContentOuterClass;
import containerd.services.content.v1.ContentOuterClass.AbortRequest;
import containerd.services.content.v1.ContentOuterClass.DeleteContentRequest;
import containerd.services.content.v1.ContentOuterClass.InfoRequest;
import containerd.services.content.v1.ContentOuterClass.ListContentRequest;
import containerd.services.content.v1.ContentOuterClass.ListStatusesRequest;
import containerd.services.content.v1.ContentOuterClass.ReadContentRequest;
import containerd.services.content.v1.ContentOuterClass.UpdateRequest;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.OpenWriter;
import io.jcontainerd.core.content.Provider;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The content service, in the client's namespace: blobs by digest, and ingests by ref. */
public final class ContentClient implements Provider {
    /** containerd's client waits a random time below this between tries for a locked ref, doubling it up to the max. */

    private final ContentGrpc.ContentBlockingStub stub;
    private final ContentGrpc.ContentStub asyncStub;

    ContentClient(Channel channel) {
        this.stub = ContentGrpc.newBlockingStub(channel);
        this.asyncStub = ContentGrpc.newStub(channel);
    }

    public Info info(Digest digest) {
        return GrpcErrors.call(() -> fromProto(stub.info(InfoRequest.newBuilder()
                .setDigest(digest.toString()).build()).getInfo()));
    }

    /** Updates the labels the field paths name ({@code labels}, {@code labels.<key>}; none: all). */
    public Info update(Digest digest, Map<String, String> labels, List<String> fieldpaths) {
        return GrpcErrors.call(() -> fromProto(stub.update(UpdateRequest.newBuilder()
                .setInfo(ContentOuterClass.Info.newBuilder().setDigest(digest.toString()).putAllLabels(labels))
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(fieldpaths))
                .build()).getInfo()));
    }

    /** {@return the blobs matching any of {@code filters} (fields {@code digest}, {@code labels.<key>}); none: all} */
    public List<Info> list(List<String> filters) {
        return GrpcErrors.call(() -> {
            List<Info> infos = new ArrayList<>();
            stub.list(ListContentRequest.newBuilder().addAllFilters(filters).build())
                    .forEachRemaining(r -> r.getInfoList().forEach(i -> infos.add(fromProto(i))));
            return infos;
        });
    }

    public void delete(Digest digest) {
        GrpcErrors.call(() -> stub.delete(DeleteContentRequest.newBuilder().setDigest(digest.toString()).build()));
    }

    /** Opens the blob for positional reads; like containerd's proxy it asks for the blob's size first. */
    @Override
    public ReaderAt readerAt(Digest digest) {
        return new RemoteReaderAt(stub, digest, info(digest).size());
    }

    /** Copies the whole blob to {@code out}; like containerd's client it asks for the blob's info first. */
    public void read(Digest digest, OutputStream out) throws IOException {
        info(digest);
        try {
            var responses = stub.read(ReadContentRequest.newBuilder().setDigest(digest.toString()).build());
            while (responses.hasNext()) {
                responses.next().getData().writeTo(out);
            }
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toErrdefs(e);
        }
        out.flush();
    }

    /** {@return the ingests matching any of {@code filters} (field {@code ref}); none: all} */
    public List<Status> listStatuses(List<String> filters) {
        return GrpcErrors.call(() -> stub.listStatuses(ListStatusesRequest.newBuilder().addAllFilters(filters).build())
                .getStatusesList().stream().map(ContentClient::fromProto).toList());
    }

    public void abort(String ref) {
        GrpcErrors.call(() -> stub.abort(AbortRequest.newBuilder().setRef(ref).build()));
    }

    /**
     * Writes {@code data} as a blob under {@code ref} the way containerd's {@code content.WriteBlob}
     * does: resumes an ingest at its offset, commits with the expected size and digest, and
     * treats content that is already there as success. Errors read like containerd's.
     *
     * @param size     the expected size, 0 when unknown
     * @param expected the expected digest, or null
     */
    public void writeBlob(String ref, InputStream data, long size, Digest expected) throws IOException {
        writeBlob(ref, data, size, expected, Map.of());
    }

    /**
     * {@link #writeBlob(String, InputStream, long, Digest)}, committing the blob with {@code labels};
     * a blob that was already there keeps its labels, as upstream's commit fails before setting them.
     */
    public void writeBlob(String ref, InputStream data, long size, Digest expected, Map<String, String> labels)
            throws IOException {
        writeBlob(ref, offset -> {
            discard(data, offset);
            return new FilterInputStream(data) {
                @Override
                public void close() {
                    // the caller's stream: the caller closes it
                }
            };
        }, size, expected, labels);
    }

    /** Bytes that can be opened from an offset on: a remote blob resumed where an ingest stopped. */
    @FunctionalInterface
    public interface ResumableSource {
        InputStream openAt(long offset) throws IOException;
    }

    /**
     * {@link #writeBlob(String, InputStream, long, Digest, Map)} opening {@code source} only when the
     * blob is not there yet, at the offset its ingest has reached.
     */
    public void writeBlob(String ref, ResumableSource source, long size, Digest expected, Map<String, String> labels)
            throws IOException {
        RemoteWriter writer;
        try {
            writer = openWaiting(ref, size, expected);
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.ALREADY_EXISTS) {
                return;
            }
            throw wrap(e, "failed to open writer");
        }
        try (writer) {
            long offset = writer.status("failed to get status");
            long copied;
            try (InputStream data = source.openAt(offset)) {
                copied = writer.copy(data);
            }
            if (size != 0 && copied < size - offset) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to read expected number of bytes: unexpected EOF");
            }
            try {
                writer.commit(size, expected, labels);
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                    throw wrap(e, "failed commit on ref \"" + ref + "\"");
                }
            }
        }
    }

    /**
     * Writes {@code data} under {@code ref} and commits it as whatever digest it has, as ctr's
     * {@code content edit} uses a plain writer: unlike {@link #writeBlob}, content already present
     * is an error (ALREADY_EXISTS), and an ingest left under the ref is appended to.
     *
     * @return the digest of the committed blob
     */
    public Digest writeNew(String ref, InputStream data) throws IOException {
        try (RemoteWriter writer = openWaiting(ref, 0, null)) {
            writer.copy(data);
            Digest digest = writer.digest();
            writer.commit(0, digest, Map.of());
            return digest;
        }
    }

    /**
     * Moves past what the ingest already holds, as upstream's {@code seekReader}: a file is
     * seeked (past its end too, without error, as ctr's stdin redirected from a file is); any
     * other stream is read through, so that a stream computing a digest sees every byte.
     */
    private static void discard(InputStream data, long n) throws IOException {
        if (n > 0 && data instanceof FileInputStream file) {
            FileChannel channel = file.getChannel();
            try {
                channel.position(channel.position() + n);
                return;
            } catch (IOException notSeekable) {
                // a pipe: read through it below
            }
        }
        byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
        long left = n;
        while (left > 0) {
            int r = data.read(buffer, 0, (int) Math.min(left, buffer.length));
            if (r < 0) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to read expected number of bytes: unexpected EOF");
            }
            left -= r;
        }
    }

    /** Opens a writer, waiting as containerd's {@code OpenWriter} does while another writer holds the ref. */
    private RemoteWriter openWaiting(String ref, long size, Digest expected) {
        return OpenWriter.waiting(() -> RemoteWriter.open(asyncStub, ref, size, expected));
    }

    static ErrdefsException wrap(ErrdefsException e, String context) {
        return new ErrdefsException(e.kind(), context + ": " + e.getMessage(), e);
    }

    private static Info fromProto(ContentOuterClass.Info info) {
        return new Info(Digest.parse(info.getDigest()), info.getSize(), instant(info.getCreatedAt()),
                instant(info.getUpdatedAt()), info.getLabelsMap());
    }

    private static Status fromProto(ContentOuterClass.Status s) {
        return new Status(s.getRef(), s.getOffset(), s.getTotal(),
                s.getExpected().isEmpty() ? null : Digest.parse(s.getExpected()),
                instant(s.getStartedAt()), instant(s.getUpdatedAt()));
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
