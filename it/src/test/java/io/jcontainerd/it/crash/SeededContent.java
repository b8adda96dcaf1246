package io.jcontainerd.it.crash;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/**
 * Pseudo-random bytes that a seed and a size fully determine, so that a test can stream them,
 * stream any tail of them again, and know their digest without keeping them anywhere: block
 * {@code i} of {@value #BLOCK_BYTES} bytes comes from a generator seeded with the seed and
 * {@code i}.
 */
record SeededContent(long seed, long size) {
    static final int BLOCK_BYTES = 1 << 20;

    /** {@return the content's digest as containerd writes it, {@code sha256:<hex>}} */
    String digest() {
        MessageDigest hash = Sha256.newHash();
        try (OutputStream hashing = new DigestOutputStream(OutputStream.nullOutputStream(), hash)) {
            writeTo(hashing, 0, size);
        } catch (IOException e) {
            throw new IllegalStateException("a null stream does not fail", e);
        }
        return Sha256.name(hash);
    }

    /** Writes the bytes at offsets {@code from} (inclusive) to {@code to} (exclusive). */
    void writeTo(OutputStream out, long from, long to) throws IOException {
        byte[] block = new byte[BLOCK_BYTES];
        long position = from;
        while (position < to) {
            long index = position / BLOCK_BYTES;
            new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index).nextBytes(block);
            int start = (int) (position - index * BLOCK_BYTES);
            int length = (int) Math.min(BLOCK_BYTES - start, to - position);
            out.write(block, start, length);
            position += length;
        }
    }

    /**
     * Creates {@code file} of the content's size holding the bytes from {@code from} on at their
     * offsets, and a hole (zeros) before: whoever seeks to {@code from} reads the rest of the
     * content, whoever reads from the start does not get it.
     */
    void writeTailTo(Path file, long from) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.position(from);
            OutputStream out = Channels.newOutputStream(channel);
            writeTo(out, from, size);
            out.flush();
        }
    }
}
