package io.jcontainerd.plugins.content.local;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One ingest on disk, {@code ingest/<sha256(ref)>/}, laid out as upstream's: {@code ref},
 * {@code startedat}, {@code updatedat} (RFC 3339 times), {@code total} (when known) and
 * {@code data}, the bytes so far; plus {@code expected}, the digest the client announced, which
 * upstream does not keep. Hashing the ref keeps the path short and safe whatever the ref holds.
 */
record IngestDirectory(Path path) {
    static IngestDirectory of(Path ingestRoot, String ref) {
        return new IngestDirectory(ingestRoot.resolve(Digest.fromString(ref).hex()));
    }

    Path data() {
        return path.resolve("data");
    }

    private Path file(String name) {
        return path.resolve(name);
    }

    boolean exists() {
        return Files.isDirectory(path);
    }

    /**
     * Lays out a fresh ingest, discarding whatever was there. {@code data} comes last: until it
     * exists the ingest has no status, so the other files need no atomic replacement here and a
     * half-created ingest is never listed nor resumed.
     */
    void create(String ref, long total, Digest expected, Instant now) throws IOException {
        LocalFiles.deleteTree(path);
        Files.createDirectory(path);
        Files.writeString(file("ref"), ref, StandardCharsets.UTF_8);
        Files.writeString(file("startedat"), now.toString());
        Files.writeString(file("updatedat"), now.toString());
        if (total > 0) {
            Files.writeString(file("total"), Long.toString(total));
        }
        if (expected != null) {
            Files.writeString(file("expected"), expected.toString());
        }
        Files.createFile(data());
    }

    // Once data exists, files are replaced atomically: status readers may be looking.

    void recordTotal(long total) throws IOException {
        LocalFiles.writeAtomically(file("total"), Long.toString(total));
    }

    void recordExpected(Digest expected) throws IOException {
        LocalFiles.writeAtomically(file("expected"), expected.toString());
    }

    void recordUpdatedAt(Instant updatedAt) throws IOException {
        LocalFiles.writeAtomically(file("updatedat"), updatedAt.toString());
    }

    /**
     * Reads the ingest's state as upstream's {@code status}: the offset is the data file's length,
     * and the update time the later of {@code updatedat} and the data's modification (writers
     * record {@code updatedat} only when they close).
     *
     * @throws ErrdefsException NOT_FOUND when {@code data} or {@code ref} is missing
     * @throws IOException when a time stamp does not parse
     */
    Status status() throws IOException {
        BasicFileAttributes data;
        String ref;
        try {
            data = Files.readAttributes(data(), BasicFileAttributes.class);
            ref = Files.readString(file("ref"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw Errdefs.notFound("stat " + e.getFile() + ": no such file or directory");
        }
        Instant startedAt = readTime("startedat");
        Instant updatedAt = readTime("updatedat");
        Instant modified = data.lastModifiedTime().toInstant();
        if (modified.isAfter(updatedAt)) {
            updatedAt = modified;
        }
        return new Status(ref, data.size(), readTotal(), readExpected(), startedAt, updatedAt);
    }

    private Instant readTime(String name) throws IOException {
        String text;
        try {
            text = Files.readString(file(name), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw Errdefs.notFound("could not read " + name + ": open " + e.getFile() + ": no such file or directory");
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IOException("could not read " + name + ": could not parse timestamp file " + file(name), e);
        }
    }

    /** An unreadable total means "unknown" (0), as upstream. */
    private long readTotal() {
        try {
            return Long.parseLong(Files.readString(file("total"), StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** An unreadable expected digest means "unknown": it only informs the status. */
    private Digest readExpected() {
        try {
            return Digest.parse(Files.readString(file("expected"), StandardCharsets.UTF_8).strip());
        } catch (IOException | ErrdefsException e) {
            return null;
        }
    }
}
