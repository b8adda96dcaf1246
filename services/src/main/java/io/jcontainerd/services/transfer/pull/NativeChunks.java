package io.jcontainerd.services.transfer.pull;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The native chunks that the decompressions of one unpack fill, handed on from layer to layer.
 * Memory the process has not touched yet costs a page fault per 4 KiB when first written (and on
 * a virtual machine the host may have to back it), so a layer's decompression takes the chunks
 * the layers before it gave back rather than mapping its own: a ten-layer pull touched 32 MiB per
 * layer before. The chunks stay mapped until the unpack ends (up to the decompression window's
 * 2 x 32 MiB, as before at its peak). Closing frees them all; the decompressions must be closed before.
 */
final class NativeChunks implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final long chunkBytes;
    private final ConcurrentLinkedQueue<MemorySegment> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger allocated = new AtomicInteger();

    NativeChunks(long chunkBytes) {
        this.chunkBytes = chunkBytes;
    }

    /** {@return a chunk given back earlier, or a new one} */
    MemorySegment take() {
        MemorySegment chunk = free.poll();
        if (chunk != null) {
            return chunk;
        }
        allocated.incrementAndGet();
        return arena.allocate(chunkBytes);
    }

    /** {@return how many chunks were allocated, in use or not} */
    int allocated() {
        return allocated.get();
    }

    /** Takes back chunks that nobody reads or writes any more. */
    void give(Collection<MemorySegment> chunks) {
        free.addAll(chunks);
    }

    @Override
    public void close() {
        free.clear();
        arena.close();
    }
}
