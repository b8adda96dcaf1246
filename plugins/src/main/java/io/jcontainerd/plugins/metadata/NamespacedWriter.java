package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

/**
 * A writer in one namespace, as upstream's {@code namespacedWriter}: either it writes bytes to
 * the blob store's ingest, or it claims a blob already on disk (shared policy) and only starts
 * an ingest, copying the blob first, if the client writes or truncates after all.
 */
final class NamespacedWriter implements Writer {
    private static final int COPY_BUFFER_BYTES = 1 << 20;

    private final SqliteContentStore store;
    private final String ref;
    /** The blob being claimed; null when writing bytes from the start. */
    private final Info claimed;
    private final Instant started = Instant.now();
    private Writer ingest;

    NamespacedWriter(SqliteContentStore store, String ref, Info claimed, Writer ingest) {
        this.store = store;
        this.ref = ref;
        this.claimed = claimed;
        this.ingest = ingest;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        if (ingest == null) {
            if (!src.hasRemaining()) {
                return;
            }
            startIngestCopying(claimed.size());
        }
        ingest.write(src);
    }

    @Override
    public long offset() {
        return ingest != null ? ingest.offset() : claimed.size();
    }

    @Override
    public Digest digest() {
        return ingest != null ? ingest.digest() : claimed.digest();
    }

    @Override
    public void truncate(long size) throws IOException {
        if (ingest != null) {
            ingest.truncate(size);
        } else {
            startIngestCopying(size);
        }
    }

    /** Upstream's {@code createAndCopy}: an ingest holding the first {@code size} bytes of the claimed blob. */
    private void startIngestCopying(long size) throws IOException {
        Writer opened = store.openIngest(ref, size);
        try (ReaderAt blob = size > 0 ? store.readBlob(claimed.digest()) : null) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(COPY_BUFFER_BYTES, Math.max(size, 1)));
            long position = 0;
            while (position < size) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), size - position));
                int n = blob.read(buffer, position);
                if (n < 0) {
                    throw Errdefs.failedPrecondition("blob " + claimed.digest() + " shorter than " + size + " bytes");
                }
                buffer.flip();
                opened.write(buffer);
                position += n;
            }
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        ingest = opened;
    }

    @Override
    public void commit(long size, Digest expected, Map<String, String> labels) throws IOException {
        try {
            store.recordCommit(ref, ingest == null ? () -> checkClaim(size, expected) : () -> commitIngest(size, expected),
                    labels);
        } catch (ErrdefsException e) {
            if (ingest != null && e.kind() != ErrorKind.ALREADY_EXISTS) {
                ingest.close();
            }
            throw e;
        } catch (UncheckedIOException e) {
            ingest.close();
            throw e.getCause();
        }
    }

    private SqliteContentStore.CommittedBlob checkClaim(long size, Digest expected) {
        if (size != 0 && size != claimed.size()) {
            throw sizeMismatch(claimed.size(), size);
        }
        if (expected != null && !expected.equals(claimed.digest())) {
            throw Errdefs.failedPrecondition(Errdefs.quote(ref) + " unexpected digest");
        }
        return new SqliteContentStore.CommittedBlob(claimed.digest(), claimed.size());
    }

    private SqliteContentStore.CommittedBlob commitIngest(long size, Digest expected) {
        long written = ingest.offset();
        if (size != 0 && size != written) {
            throw sizeMismatch(written, size);
        }
        try {
            ingest.commit(written, expected, Map.of());
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SqliteContentStore.CommittedBlob(ingest.digest(), written);
    }

    private ErrdefsException sizeMismatch(long actual, long size) {
        return Errdefs.failedPrecondition(Errdefs.quote(ref) + " failed size validation: " + actual + " != " + size);
    }

    @Override
    public Status status() {
        if (ingest != null) {
            Status s = ingest.status();
            return new Status(ref, s.offset(), s.total(), s.expected(), s.startedAt(), s.updatedAt());
        }
        return new Status(ref, claimed.size(), claimed.size(), claimed.digest(), started, started);
    }

    @Override
    public void close() throws IOException {
        if (ingest != null) {
            ingest.close();
        }
    }
}
