package io.jcontainerd.plugins.content.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hash state of ingests whose writer closed without committing, kept in memory so that a
 * client reconnecting to the same daemon resumes without re-reading what it already sent. A
 * checkpoint is used only while the data file is exactly as the writer left it (same file, size
 * and modification time); otherwise, and after a restart, the data is re-hashed as upstream does.
 */
final class DigestCheckpoints {
    private record Checkpoint(MessageDigest state, long offset, Object fileKey, FileTime modified) {
    }

    private final ConcurrentHashMap<Path, Checkpoint> byDataFile = new ConcurrentHashMap<>();

    /** Records {@code state}, the hash of the first {@code offset} bytes of {@code data}, which its writer has closed. */
    void save(Path data, MessageDigest state, long offset) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(data, BasicFileAttributes.class);
        byDataFile.put(data, new Checkpoint(state, offset, attrs.fileKey(), attrs.lastModifiedTime()));
    }

    /**
     * Takes the checkpoint for {@code data} if the file still is what it describes.
     *
     * @return the hash state of the whole file, to continue from its end
     */
    Optional<MessageDigest> take(Path data, BasicFileAttributes current) {
        Checkpoint c = byDataFile.remove(data);
        if (c == null || c.offset != current.size() || c.fileKey == null
                || !Objects.equals(c.fileKey, current.fileKey()) || !c.modified.equals(current.lastModifiedTime())) {
            return Optional.empty();
        }
        return Optional.of(c.state);
    }

    void forget(Path data) {
        byDataFile.remove(data);
    }
}
