package io.jcontainerd.ttrpc;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A connected socket seen as a sequence of ttrpc frames. One thread receives; any number of
 * threads send, serialized by a lock so frames never interleave.
 */
final class FrameChannel implements Closeable {
    private static final int DISCARD_CHUNK = 64 * 1024;

    private final SocketChannel socket;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteBuffer headerBuffer = ByteBuffer.allocate(FrameHeader.LENGTH);

    FrameChannel(SocketChannel socket) {
        this.socket = socket;
    }

    /**
     * Blocks for the next frame. Not thread-safe: one reader per channel.
     *
     * @throws EOFException when the peer closed the connection, between or inside frames
     */
    Received receive() throws IOException {
        headerBuffer.clear();
        readFully(headerBuffer);
        FrameHeader header = FrameHeader.decode(headerBuffer.flip());
        if (header.oversized()) {
            discard(header.length());
            return new Received.Oversized(header);
        }
        ByteBuffer payload = ByteBuffer.allocate((int) header.length());
        readFully(payload);
        return new Received.Frame(header, payload.array());
    }

    /** Writes one whole frame; safe to call from many threads. */
    void send(int streamId, byte type, byte[] payload) throws IOException {
        ByteBuffer header = FrameHeader.of(streamId, type, payload.length).encode();
        ByteBuffer body = ByteBuffer.wrap(payload);
        writeLock.lock();
        try {
            while (header.hasRemaining() || body.hasRemaining()) {
                socket.write(new ByteBuffer[] {header, body});
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (socket.read(buffer) < 0) {
                throw new EOFException("ttrpc: connection closed by peer");
            }
        }
    }

    private void discard(long length) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(DISCARD_CHUNK);
        for (long left = length; left > 0; left -= scratch.position()) {
            scratch.clear().limit((int) Math.min(DISCARD_CHUNK, left));
            readFully(scratch);
        }
    }
}
