package io.jcontainerd.plugins.snapshots.storage;

import io.jcontainerd.plugins.metadata.MetadataDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A snapshotter's metadata file, as upstream's {@code storage.MetaStore}: SQLite opened the way
 * the daemon's metadata database is (WAL, full fsync), with its own {@linkplain SnapshotSchema
 * schema}. Every operation runs in a {@link Transaction}; a write commits as a whole or not at all,
 * so a backend does its directory work inside {@link #write} and a failure leaves no record behind.
 */
public final class MetaStore implements AutoCloseable {
    /** Work inside one transaction; it may touch the disk too, and an exception rolls the transaction back. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Transaction tx) throws IOException, SQLException;
    }

    private final MetadataDatabase db;

    private MetaStore(MetadataDatabase db) {
        this.db = db;
    }

    /** Opens (creating or migrating) the metadata file {@code file}. */
    public static MetaStore open(Path file) throws IOException {
        return new MetaStore(MetadataDatabase.open(file, SnapshotSchema.MIGRATIONS));
    }

    /** Runs {@code work} for reading; transactions are serialised, so it sees no write half done. */
    public <T> T read(Work<T> work) throws IOException {
        try {
            return db.read(c -> run(work, new Transaction(c)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Runs {@code work} in one write transaction, committed when it returns and rolled back when it throws. */
    public <T> T write(Work<T> work) throws IOException {
        try {
            return db.write(c -> run(work, new Transaction(c)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static <T> T run(Work<T> work, Transaction tx) throws SQLException {
        try {
            return work.run(tx);
        } catch (IOException e) {
            // carried through the database's unit of work, which only lets SQL and runtime errors out
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the file; closing twice is fine. */
    @Override
    public void close() {
        db.close();
    }
}
