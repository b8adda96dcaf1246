package io.jcontainerd.services.imagearchive;

import com.google.protobuf.ByteString;
import containerd.types.transfer.Streaming.Data;
import containerd.types.transfer.Streaming.WindowUpdate;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.services.grpc.AnyMessages;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The bytes a client sends on a stream ({@code Data} messages) as an input stream, as upstream's
 * {@code streaming.ReceiveStream}: the sender may only send what it has been granted by
 * {@code WindowUpdate}s, so grants go out whenever what is outstanding falls below half a window.
 * Our window (4 MiB, upstream's is 64 KiB) lets a sender of 1 MiB messages go on while a grant
 * travels, yet keeps few messages waiting. A message's bytes are read where gRPC parsed them
 * (no copies). The stream ends when the client finishes sending. Read on one thread.
 */
public final class StreamReader extends InputStream {
    static final int WINDOW = 4 << 20;

    private final Stream stream;
    private ByteString current = ByteString.EMPTY;
    private int position;
    /** Bytes granted and not yet received. */
    private long granted;
    private boolean ended;

    public StreamReader(Stream stream) {
        this.stream = stream;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current.byteAt(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.size() - position);
        current.copyTo(b, position, off, n);
        position += n;
        return n;
    }

    /** {@return whether bytes are available, receiving the next message if need be} */
    private boolean fill() throws IOException {
        while (position == current.size()) {
            if (ended) {
                return false;
            }
            if (granted < WINDOW / 2) {
                try {
                    stream.send(AnyMessages.packForStream(WindowUpdate.newBuilder().setUpdate(WINDOW).build()));
                    granted += WINDOW;
                } catch (IOException e) {
                    // the client may have finished already; what it sent is still to be read
                }
            }
            TypedValue message;
            try {
                message = stream.recv();
            } catch (EOFException e) {
                ended = true;
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while receiving the archive");
            }
            if (AnyMessages.is(message.typeUrl(), Data.getDefaultInstance())) {
                current = AnyMessages.unpack(message, Data.getDefaultInstance()).getData();
                position = 0;
                granted -= current.size();
            }
        }
        return true;
    }
}
