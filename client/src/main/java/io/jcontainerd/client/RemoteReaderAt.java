package io.jcontainerd.client;

import containerd.services.content.v1.ContentGrpc;
import containerd.services.content.v1.ContentOuterClass.ReadContentRequest;
import io.grpc.StatusRuntimeException;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.ReaderAt;
import java.nio.ByteBuffer;

/**
 * A committed blob read through the content service, as containerd's proxy {@code remoteReaderAt}:
 * each positional read is one Read call for exactly the bytes asked.
 */
final class RemoteReaderAt implements ReaderAt {
    private final ContentGrpc.ContentBlockingStub stub;
    private final Digest digest;
    private final long size;

    RemoteReaderAt(ContentGrpc.ContentBlockingStub stub, Digest digest, long size) {
        this.stub = stub;
        this.digest = digest;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer dst, long position) {
        if (position >= size) {
            return -1;
        }
        int wanted = (int) Math.min(dst.remaining(), size - position);
        if (wanted == 0) {
            return 0;
        }
        int start = dst.position();
        try {
            var responses = stub.read(ReadContentRequest.newBuilder().setDigest(digest.toString())
                    .setOffset(position).setSize(wanted).build());
            while (responses.hasNext()) {
                var data = responses.next().getData();
                // a server sending more than asked must not overflow the caller's buffer
                int n = Math.min(data.size(), dst.remaining());
                data.substring(0, n).copyTo(dst);
            }
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toErrdefs(e);
        }
        int read = dst.position() - start;
        return read == 0 ? -1 : read;
    }

    @Override
    public void close() {
    }
}
