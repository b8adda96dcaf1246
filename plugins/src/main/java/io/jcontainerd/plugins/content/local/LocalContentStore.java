package io.jcontainerd.plugins.content.local;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * containerd's local content store on a directory: blobs under {@code blobs/}, ingests under
 * {@code ingest/} (see {@link BlobDirectory} and {@link IngestDirectory}). Keeps no labels, as
 * upstream's store under the metadata layer. Safe for concurrent use; one store per root.
 */
public final class LocalContentStore implements ContentStore {
    private static final System.Logger LOG = System.getLogger(LocalContentStore.class.getName());
    /** About what upstream's ten randomised retries wait on average. */
    private static final Duration LOCK_PATIENCE = Duration.ofMillis(500);
    private static final int REHASH_BUFFER_BYTES = 1 << 20;

    private final Path ingestRoot;
    private final BlobDirectory blobs;
    private final RefLocks locks = new RefLocks(LOCK_PATIENCE);
    private final DigestCheckpoints checkpoints = new DigestCheckpoints();
    private final Syscalls sys = new LinuxSyscalls();

    /** Opens (creating if needed) the store at {@code root}. */
    public LocalContentStore(Path root) throws IOException {
        this.ingestRoot = root.resolve("ingest");
        Files.createDirectories(ingestRoot);
        Path blobRoot = root.resolve("blobs");
        LocalFiles.createDirectoryDurably(blobRoot);
        this.blobs = new BlobDirectory(blobRoot);
    }

    @Override
    public Info info(Digest digest) throws IOException {
        return blobs.info(digest);
    }

    /** Labels live in the metadata layer; like upstream's store without a label store, this one is immutable. */
    @Override
    public Info update(Info info, List<String> fieldpaths) {
        throw Errdefs.failedPrecondition("update not supported on immutable content store");
    }

    @Override
    public void walk(Predicate<Info> filter, Consumer<Info> visitor) throws IOException {
        blobs.walk(filter, visitor);
    }

    @Override
    public void delete(Digest digest) throws IOException {
        blobs.delete(digest);
    }

    @Override
    public ReaderAt readerAt(Digest digest) throws IOException {
        Path path = blobs.path(digest);
        try {
            return new FileReaderAt(FileChannel.open(path, StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            throw Errdefs.notFound("blob " + digest + " expected at " + path + ": blob not found");
        }
    }

    @Override
    public void dropCached(Digest digest) {
        Path path = blobs.path(digest);
        try {
            int fd = sys.open(RawPath.of(path), Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
            try {
                sys.fadvise(fd, 0, 0, Linux.POSIX_FADV_DONTNEED);
            } finally {
                sys.close(fd);
            }
        } catch (SyscallException e) {
            LOG.log(System.Logger.Level.DEBUG, "leaving " + path + " cached: " + e.getMessage());
        }
    }

    @Override
    public Status status(String ref) throws IOException {
        return IngestDirectory.of(ingestRoot, ref).status();
    }

    /** Ingests being created or removed meanwhile, or damaged, are left out (damaged ones logged). */
    @Override
    public List<Status> listStatuses(Predicate<Status> filter) throws IOException {
        List<Status> active = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(ingestRoot)) {
            for (Path dir : dirs) {
                Status status;
                try {
                    status = new IngestDirectory(dir).status();
                } catch (ErrdefsException e) {
                    continue;
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "skipping unreadable ingest " + dir + ": " + e.getMessage());
                    continue;
                }
                if (filter.test(status)) {
                    active.add(status);
                }
            }
        }
        active.sort(Comparator.comparing(Status::ref));
        return active;
    }

    @Override
    public void abort(String ref) throws IOException {
        IngestDirectory ingest = IngestDirectory.of(ingestRoot, ref);
        if (!ingest.exists()) {
            throw Errdefs.notFound("ingest ref " + Errdefs.quote(ref));
        }
        checkpoints.forget(ingest.data());
        LocalFiles.deleteTree(ingest.path());
    }

    @Override
    public Writer writer(String ref, long total, Digest expected) throws IOException {
        if (ref == null || ref.isEmpty()) {
            throw Errdefs.invalidArgument("ref must not be empty");
        }
        RefLocks.Held lock = locks.acquire(ref);
        try {
            if (expected != null && blobs.contains(expected)) {
                throw Errdefs.alreadyExists("content " + expected);
            }
            return open(ref, total, expected, lock);
        } catch (IOException | RuntimeException | Error e) {
            lock.release();
            throw e;
        }
    }

    /** Resumes the ingest for {@code ref} if it is intact, otherwise starts it afresh; the caller holds the lock. */
    private Writer open(String ref, long total, Digest expected, RefLocks.Held lock) throws IOException {
        IngestDirectory ingest = IngestDirectory.of(ingestRoot, ref);
        Status known = resumable(ingest, ref, total).orElse(null);
        if (known == null) {
            Instant now = Instant.now();
            ingest.create(ref, total, expected, now);
            known = new Status(ref, 0, total, expected, now, now);
        } else {
            known = learn(ingest, known, total, expected);
        }
        FileChannel channel = FileChannel.open(ingest.data(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            BasicFileAttributes data = Files.readAttributes(ingest.data(), BasicFileAttributes.class);
            MessageDigest hash = checkpoints.take(ingest.data(), data).orElse(null);
            long offset = data.size();
            if (hash == null) {
                hash = DigestAlgorithm.CANONICAL.newMessageDigest();
                offset = rehash(channel, hash);
            }
            channel.position(offset);
            Status opened = new Status(ref, offset, known.total(), known.expected(), known.startedAt(),
                    known.updatedAt());
            return new LocalWriter(opened, channel, hash, ingest, blobs, checkpoints, lock);
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    /** Records a total or expected digest that the resuming client knows and the ingest did not. */
    private static Status learn(IngestDirectory ingest, Status known, long total, Digest expected) throws IOException {
        long knownTotal = known.total();
        if (knownTotal == 0 && total > 0) {
            ingest.recordTotal(total);
            knownTotal = total;
        }
        Digest knownExpected = known.expected();
        if (expected != null && !expected.equals(knownExpected)) {
            ingest.recordExpected(expected);
            knownExpected = expected;
        }
        return new Status(known.ref(), known.offset(), knownTotal, knownExpected, known.startedAt(), known.updatedAt());
    }

    /**
     * The ingest's status if it can be continued: present, not damaged, for this very ref, and
     * not announced with a different size. Anything else is logged and the ingest recreated, as
     * upstream does.
     */
    private static Optional<Status> resumable(IngestDirectory ingest, String ref, long total) {
        if (!ingest.exists()) {
            return Optional.empty();
        }
        String problem;
        try {
            Status status = ingest.status();
            if (!status.ref().equals(ref)) {
                problem = "ref key does not match: " + ref + " != " + status.ref();
            } else if (total > 0 && status.total() > 0 && total != status.total()) {
                problem = "provided total differs from status: " + total + " != " + status.total();
            } else {
                return Optional.of(status);
            }
        } catch (IOException | ErrdefsException e) {
            problem = e.getMessage();
        }
        LOG.log(System.Logger.Level.INFO, "failed to resume the status from path " + ingest.path() + ": "
                + problem + ". will recreate them");
        return Optional.empty();
    }

    /** Hashes the whole data file, whatever its recorded state: the bytes on disk are what counts. */
    private static long rehash(FileChannel channel, MessageDigest hash) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(REHASH_BUFFER_BYTES);
        long position = 0;
        int n;
        while ((n = channel.read(buffer, position)) > 0) {
            buffer.flip();
            hash.update(buffer);
            buffer.clear();
            position += n;
        }
        return position;
    }
}
