package io.jcontainerd.plugins.content.local;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.Errdefs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;

/**
 * Writes one ingest's data file: bytes go straight to the file (no fsync per write) and through
 * the hash, so the digest is ready when the client commits. Holds the ref's lock until committed
 * or closed.
 */
final class LocalWriter implements Writer {
    private static final System.Logger LOG = System.getLogger(LocalWriter.class.getName());

    private final IngestDirectory ingest;
    private final BlobDirectory blobs;
    private final DigestCheckpoints checkpoints;
    private final RefLocks.Held lock;
    private final MessageDigest hash;
    private final EarlyWriteback writeback;
    private final Status opened;
    /** Null once committed or closed. */
    private FileChannel channel;
    private long offset;
    private Instant updatedAt;

    /**
     * @param channel the data file, positioned at {@code opened.offset()}
     * @param hash    the hash of the file's first {@code opened.offset()} bytes
     */
    LocalWriter(Status opened, FileChannel channel, MessageDigest hash, IngestDirectory ingest,
                BlobDirectory blobs, DigestCheckpoints checkpoints, RefLocks.Held lock) {
        this.opened = opened;
        this.channel = channel;
        this.hash = hash;
        this.ingest = ingest;
        this.blobs = blobs;
        this.checkpoints = checkpoints;
        this.lock = lock;
        this.writeback = new EarlyWriteback(channel);
        this.offset = opened.offset();
        this.updatedAt = opened.updatedAt();
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        FileChannel ch = open("write");
        int start = src.position();
        try {
            while (src.hasRemaining()) {
                ch.write(src);
            }
        } finally {
            // hash exactly what reached the file, even when a write fails half-way
            ByteBuffer written = src.duplicate();
            written.limit(src.position()).position(start);
            hash.update(written);
            int n = src.position() - start;
            offset += n;
            updatedAt = Instant.now();
            writeback.written(n);
        }
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public Digest digest() {
        return Digest.of(DigestAlgorithm.CANONICAL, copyOfHash().digest());
    }

    @Override
    public Status status() {
        return new Status(opened.ref(), offset, opened.total(), opened.expected(), opened.startedAt(), updatedAt);
    }

    @Override
    public void truncate(long size) throws IOException {
        if (size != 0) {
            throw Errdefs.invalidArgument("truncate: unsupported size " + size);
        }
        FileChannel ch = open("truncate");
        writeback.finish();
        ch.truncate(0);
        ch.position(0);
        hash.reset();
        offset = 0;
        updatedAt = Instant.now();
    }

    @Override
    public void commit(long size, Digest expected, Map<String, String> labels) throws IOException {
        FileChannel ch = channel;
        if (ch == null) {
            throw Errdefs.failedPrecondition("cannot commit on closed writer");
        }
        channel = null;
        try (ch) {
            writeback.finish();
            ch.force(true);
            long actual = ch.size();
            if (size > 0 && size != actual) {
                throw Errdefs.failedPrecondition("unexpected commit size " + actual + ", expected " + size);
            }
            if (actual != offset) {
                // truncated or appended behind this writer: the hash no longer describes the file
                throw Errdefs.failedPrecondition("ingest data of ref " + opened.ref() + " changed while writing: "
                        + actual + " bytes on disk, " + offset + " written");
            }
            // from a copy: the digest stays readable after the commit, as upstream's
            Digest digest = digest();
            if (expected != null && !expected.equals(digest)) {
                throw Errdefs.failedPrecondition("unexpected commit digest " + digest + ", expected " + expected);
            }
            if (blobs.contains(digest)) {
                removeIngest();
                throw Errdefs.alreadyExists("content " + digest);
            }
            blobs.moveIntoPlace(ingest.data(), digest);
            removeIngest();
        } finally {
            lock.release();
        }
    }

    /** Keeps the ingest for a later resume: records the update time and the hash state. */
    @Override
    public void close() throws IOException {
        FileChannel ch = channel;
        if (ch == null) {
            return;
        }
        channel = null;
        try (ch) {
            writeback.finish();
        } finally {
            try {
                checkpoints.save(ingest.data(), copyOfHash(), offset);
                ingest.recordUpdatedAt(updatedAt);
            } catch (NoSuchFileException aborted) {
                // the ingest was aborted while this writer was open: nothing left to keep
            } finally {
                lock.release();
            }
        }
    }

    private void removeIngest() {
        checkpoints.forget(ingest.data());
        try {
            LocalFiles.deleteTree(ingest.path());
        } catch (IOException e) {
            // the blob is committed; a leftover directory is only clutter
            LOG.log(System.Logger.Level.WARNING, "failed to remove ingest directory " + ingest.path() + ": " + e);
        }
    }

    private FileChannel open(String operation) {
        if (channel == null) {
            throw Errdefs.failedPrecondition("cannot " + operation + " on closed writer");
        }
        return channel;
    }

    private MessageDigest copyOfHash() {
        try {
            return (MessageDigest) hash.clone();
        } catch (CloneNotSupportedException e) {
            // the JDK's SHA-2 implementations are cloneable
            throw new IllegalStateException(e);
        }
    }
}
