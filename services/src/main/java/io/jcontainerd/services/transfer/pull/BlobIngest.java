package io.jcontainerd.services.transfer.pull;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.OpenWriter;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.registry.DistributionSource;
import io.jcontainerd.registry.Fetcher;
import io.jcontainerd.image.reference.ReferenceSpec;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Puts a repository's blobs into content, each under its {@link RefKeys ref}: an ingest left by
 * an interrupted pull is resumed where it stopped (a ranged request); the bytes are digested as
 * they are written and a blob whose digest differs is discarded, ingest and all, before anything
 * is committed. Committed blobs carry the {@code containerd.io/distribution.source.<host>} label.
 */
final class BlobIngest {
    /**
     * The largest index, manifest or config a pull reads into memory: upstream's manifest limit.
     * Larger ones are refused before any request.
     */
    static final long MAX_DOCUMENT_SIZE = io.jcontainerd.registry.DockerResolver.MAX_MANIFEST_SIZE;

    private static final int BUFFER_SIZE = 256 << 10;

    private final ContentStore content;
    private final Fetcher fetcher;
    private final ReferenceSpec source;
    private final PullProgress progress;

    BlobIngest(ContentStore content, Fetcher fetcher, ReferenceSpec source, PullProgress progress) {
        this.content = content;
        this.fetcher = fetcher;
        this.source = source;
        this.progress = progress;
    }

    /** Fetches a document (index, manifest, config), refusing one over {@link #MAX_DOCUMENT_SIZE}, unless content has it. */
    void document(ImageDescriptor desc) throws IOException {
        progress.waiting(desc);
        if (desc.size() > MAX_DOCUMENT_SIZE || desc.size() < 0) {
            throw Errdefs.wrap(ErrorKind.RESOURCE_EXHAUSTED, "refusing " + desc.size() + " byte " + desc.mediaType()
                    + " " + desc.digest() + " over the " + MAX_DOCUMENT_SIZE + " byte limit");
        }
        ingest(desc, offset -> {
            byte[] bytes = fetcher.readDocument(desc, MAX_DOCUMENT_SIZE);
            return new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
        }, LayerStream.none());
    }

    /**
     * Fetches a blob (a layer) unless content has it, handing its bytes on to {@code tee} when the
     * download starts at the first byte. The caller ends {@code tee}.
     */
    void blob(ImageDescriptor desc, LayerStream tee) throws IOException {
        progress.waiting(desc);
        ingest(desc, offset -> fetcher.fetch(desc, offset), tee);
    }

    /** Where the bytes come from, from an offset on. */
    @FunctionalInterface
    private interface Source {
        InputStream open(long offset) throws IOException;
    }

    /** Content had the blob (and now holds it for the pull's lease): label it with this source too. */
    private void present(ImageDescriptor desc) throws IOException {
        labelSource(content.info(desc.digest()));
        progress.alreadyExists(desc);
    }

    private void labelSource(Info info) throws IOException {
        String key = DistributionSource.labelKey(source);
        String current = info.labels().getOrDefault(key, "");
        String wanted = DistributionSource.append(current, source);
        if (!wanted.equals(current)) {
            content.update(new Info(info.digest(), info.size(), null, null, Map.of(key, wanted)), List.of("labels." + key));
        }
    }

    private void ingest(ImageDescriptor desc, Source from, LayerStream tee) throws IOException {
        String ref = RefKeys.of(desc);
        Writer writer;
        try {
            // asked even when content has the blob: that answer also adds it to the pull's lease.
            // A pull of the same image under way holds the ref: wait until it commits the blob
            // (then ALREADY_EXISTS) or gives the ref up.
            writer = OpenWriter.waiting(() -> content.writer(ref, desc.size(), desc.digest()));
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.ALREADY_EXISTS) {
                tee.unavailable();
                present(desc);
                return;
            }
            throw e;
        }
        try (writer) {
            if (writer.offset() > desc.size()) {
                writer.truncate(0);
            }
            if (writer.offset() == 0) {
                tee.begin();
            } else {
                tee.unavailable(); // resumed: the bytes before are in the ingest only
            }
            if (writer.offset() < desc.size()) {
                copy(desc, from, writer, tee);
            }
            Digest actual = writer.digest();
            if (!actual.equals(desc.digest())) {
                // aborted before the writer lets the ref go: a pull waiting for the ref must not
                // open the bad ingest in between
                content.abort(ref);
                writer.close();
                throw Errdefs.failedPrecondition("rejected " + ref + " from " + source.locator() + ": its "
                        + desc.size() + " bytes have digest " + actual + ", not " + desc.digest()
                        + "; nothing was committed");
            }
            try {
                writer.commit(desc.size(), desc.digest(), Map.of(DistributionSource.labelKey(source),
                        DistributionSource.append("", source)));
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                    throw e;
                }
                present(desc);
                return;
            }
        }
        progress.complete(desc);
    }

    private void copy(ImageDescriptor desc, Source from, Writer writer, LayerStream tee) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = from.open(writer.offset())) {
            while (writer.offset() < desc.size()) {
                int want = (int) Math.min(buffer.length, desc.size() - writer.offset());
                // whole buffers: the HTTP client hands over 16 KiB at a time, and each write to
                // content is a syscall, a hash update and a hand-on of its own
                int n = in.readNBytes(buffer, 0, want);
                if (n == 0) {
                    break;
                }
                writer.write(buffer, 0, n);
                tee.write(buffer, 0, n);
                progress.downloading(desc, writer.offset());
            }
        }
        if (writer.offset() != desc.size()) {
            throw new EOFException("unexpected EOF fetching " + RefKeys.of(desc) + ": " + writer.offset() + " of "
                    + desc.size() + " bytes; a later pull resumes from there");
        }
    }
}
