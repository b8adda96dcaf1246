package io.jcontainerd.plugins.content.local;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Committed blobs, {@code blobs/<algorithm>/<hex>}: a file appears there only whole, by rename,
 * and is never written in place. A blob's modification time is its commit time ("created") and
 * its access time its "updated" time, as upstream.
 */
final class BlobDirectory {
    private static final System.Logger LOG = System.getLogger(BlobDirectory.class.getName());

    private final Path root;

    BlobDirectory(Path root) {
        this.root = root;
    }

    Path path(Digest digest) {
        return root.resolve(digest.algorithm().text()).resolve(digest.hex());
    }

    boolean contains(Digest digest) {
        return Files.exists(path(digest));
    }

    /**
     * Renames a complete, already synced data file to its blob path and makes the rename durable.
     * Renaming over a blob committed concurrently is harmless: same digest, same bytes.
     */
    void moveIntoPlace(Path data, Digest digest) throws IOException {
        Path target = path(digest);
        LocalFiles.createDirectoryDurably(target.getParent());
        Files.move(data, target, StandardCopyOption.ATOMIC_MOVE);
        markCommitted(target, Instant.now());
        LocalFiles.syncDirectory(target.getParent());
    }

    /** Sets the commit time and makes the blob read-only; failures are only logged, as upstream: the blob is in place. */
    private static void markCommitted(Path blob, Instant now) {
        try {
            FileTime time = FileTime.from(now);
            Files.getFileAttributeView(blob, BasicFileAttributeView.class).setTimes(time, time, null);
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(blob));
            perms.removeAll(Set.of(
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(blob, perms);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "failed to mark blob " + blob + " committed: " + e);
        }
    }

    /** @throws ErrdefsException NOT_FOUND when the blob is not there */
    Info info(Digest digest) throws IOException {
        try {
            return info(digest, Files.readAttributes(path(digest), BasicFileAttributes.class));
        } catch (NoSuchFileException e) {
            throw Errdefs.notFound("content " + digest);
        }
    }

    private static Info info(Digest digest, BasicFileAttributes attrs) {
        return new Info(digest, attrs.size(), attrs.lastModifiedTime().toInstant(),
                attrs.lastAccessTime().toInstant(), Map.of());
    }

    /** @throws ErrdefsException NOT_FOUND when the blob is not there */
    void delete(Digest digest) throws IOException {
        try {
            Files.delete(path(digest));
        } catch (NoSuchFileException e) {
            throw Errdefs.notFound("content " + digest);
        }
    }

    /**
     * Visits the blobs in path order. Directories of unknown algorithms and names that are not a
     * valid digest are skipped (the latter logged: they mean a corrupted layout); blobs deleted
     * while walking are skipped.
     */
    void walk(Predicate<Info> filter, Consumer<Info> visitor) throws IOException {
        for (Path algorithmDir : sortedEntries(root)) {
            Optional<DigestAlgorithm> algorithm = DigestAlgorithm.byText(algorithmDir.getFileName().toString());
            if (algorithm.isEmpty() || !Files.isDirectory(algorithmDir)) {
                continue;
            }
            for (Path blob : sortedEntries(algorithmDir)) {
                Digest digest;
                try {
                    digest = new Digest(algorithm.get(), blob.getFileName().toString());
                } catch (ErrdefsException e) {
                    LOG.log(System.Logger.Level.ERROR, "invalid digest for blob path " + blob + ": " + e.getMessage());
                    continue;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(blob, BasicFileAttributes.class);
                } catch (NoSuchFileException deleted) {
                    continue;
                }
                Info info = info(digest, attrs);
                if (attrs.isRegularFile() && filter.test(info)) {
                    visitor.accept(info);
                }
            }
        }
    }

    private static List<Path> sortedEntries(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (NoSuchFileException gone) {
            return List.of();
        }
        entries.sort(null);
        return entries;
    }
}
