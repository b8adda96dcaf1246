package io.jcontainerd.services.imagearchive;

import containerd.types.transfer.Streaming.WindowUpdate;
import io.jcontainerd.api.convert.DataMessages;
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
 * waiting for grants when none is left. Messages are up to 1 MiB (upstream: 32 KiB), or what
 * the window allows: each is encoded straight from the caller's bytes, the one copy on its way to
 * gRPC, so few large messages cost less than many small ones. Closing it does not close the
 * stream. Written on one thread.
 */
public final class StreamWriter extends OutputStream {
    private static final int MAX_MESSAGE = 1 << 20;

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
            byte[] data = DataMessages.encode(b, off, n);
            stream.send(TypedValue.handOver(DataMessages.TYPE_URL, data, 0, data.length));
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
