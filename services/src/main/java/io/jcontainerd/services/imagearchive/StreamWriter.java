package io.jcontainerd.services.imagearchive;

import com.google.protobuf.ByteString;
import containerd.types.transfer.Streaming.Data;
import containerd.types.transfer.Streaming.WindowUpdate;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.services.grpc.AnyMessages;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * An output stream sending {@code Data} messages on a stream, as upstream's
 * {@code streaming.SendStream}: never more than the receiver granted by {@code WindowUpdate}s,
 * waiting for grants when none is left. Messages are up to 64 KiB (upstream: 32 KiB), or what
 * the window allows: each is copied a few times on its way out, and copies that size stay in the
 * young generation. Closing it does not close the stream. Written on one thread.
 */
public final class StreamWriter extends OutputStream {
    private static final int MAX_MESSAGE = 64 << 10;

    private final Stream stream;
    private long window;

    public StreamWriter(Stream stream) {
        this.stream = stream;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            while (window <= 0) {
                awaitWindow();
            }
            int n = (int) Math.min(Math.min(len, MAX_MESSAGE), window);
            stream.send(AnyMessages.packForStream(Data.newBuilder().setData(ByteString.copyFrom(b, off, n)).build()));
            window -= n;
            off += n;
            len -= n;
        }
    }

    private void awaitWindow() throws IOException {
        TypedValue message;
        try {
            message = stream.recv();
        } catch (EOFException e) {
            throw new IOException("the receiver closed the stream before the archive was written", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the receiver");
        }
        if (AnyMessages.is(message.typeUrl(), WindowUpdate.getDefaultInstance())) {
            window += AnyMessages.unpack(message, WindowUpdate.getDefaultInstance()).getUpdate();
        }
    }
}
