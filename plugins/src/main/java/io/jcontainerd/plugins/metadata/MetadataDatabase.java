package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConnection;

/**
 * The one place that opens the metadata database: SQLite in WAL mode, migrated to the latest
 * schema on open. All access goes through {@link #read} and {@link #write}. Writes serialise on
 * one connection, commit as a whole or not at all, and are on disk when {@link #write} returns;
 * after a commit that could not be synced, writes are refused (reads go on).
 * Reads have a connection of their own, each in one transaction, so a read sees one committed
 * state and never waits for a write's commit and sync: the daemon answers small reads on its event
 * loop, which must not stall. (So a read may see a commit in the fraction of a millisecond before
 * its sync ends; only a power cut in that moment could take back what it saw.)
 */
public final class MetadataDatabase implements AutoCloseable {
    /** A unit of work against the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Told after every committed write; {@code dirty} when it removed something garbage collection may now find unreferenced. */
    @FunctionalInterface
    public interface MutationListener {
        void mutated(boolean dirty);
    }

    private final Path file;
    private final Connection connection;
    /** Where commits are made durable; null while the schema is migrated, or when SQLite syncs them itself. */
    private final WriteAheadLog log;
    /** Why a commit could not be made durable; from then on writes are refused. Guarded by {@link #lock}. */
    private IOException syncFailure;
    private final ReentrantLock lock = new ReentrantLock();
    /** The reads' connection; null while the schema is migrated, when reads use the writer's. */
    private final Connection reader;
    private final ReentrantLock readLock = new ReentrantLock();
    private final List<MutationListener> listeners = new CopyOnWriteArrayList<>();
    /** Set by {@link #markDirty()} inside the running write; guarded by {@link #lock}. */
    private boolean dirty;

    private MetadataDatabase(Path file, Connection connection, WriteAheadLog log, Connection reader) {
        this.file = file;
        this.connection = connection;
        this.log = log;
        this.reader = reader;
    }

    public static MetadataDatabase open(Path file) throws IOException {
        return open(file, Schema.MIGRATIONS);
    }

    /** Opens {@code file} with its own schema, as a snapshotter's store does: same durability, other tables. */
    public static MetadataDatabase open(Path file, List<Migration> migrations) throws IOException {
        Files.createDirectories(file.getParent());
        Properties props = new Properties();
        props.setProperty("journal_mode", "WAL");
        // a committed transaction survives power loss, not only a process crash: SQLite does not
        // sync at commit (NORMAL), write() does, with fdatasync (WriteAheadLog says why)
        props.setProperty("synchronous", "NORMAL");
        props.setProperty("foreign_keys", "true");
        props.setProperty("busy_timeout", "5000");
        Connection writer = connect(file, props);
        MetadataDatabase migrating = new MetadataDatabase(file, writer, null, null);
        try {
            migrating.migrate(migrations);
        } catch (SQLException | RuntimeException e) {
            migrating.close();
            throw new IOException("migrate metadata database " + file + ": " + e.getMessage(), e);
        }
        WriteAheadLog log = null;
        try {
            log = openLog(writer, file);
            return new MetadataDatabase(file, writer, log, connectReadOnly(file, props));
        } catch (IOException | RuntimeException e) {
            migrating.close();
            closeQuietly(log);
            throw e;
        }
    }

    /**
     * Opens the log, sized for the commits to come. Without WAL (a file system that refused it)
     * there is no such log: SQLite then syncs each commit itself (FULL), and this returns null.
     */
    private static WriteAheadLog openLog(Connection writer, Path file) throws IOException {
        try (Statement s = writer.createStatement()) {
            if (!"wal".equalsIgnoreCase(pragma(s, "journal_mode"))) {
                s.execute("PRAGMA synchronous = FULL");
                return null;
            }
            SQLiteConnection commits = writer.unwrap(SQLiteConnection.class);
            long size = WriteAheadLog.size(Integer.parseInt(pragma(s, "page_size")),
                    Integer.parseInt(pragma(s, "wal_autocheckpoint")));
            WriteAheadLog log = WriteAheadLog.open(Path.of(file + "-wal"), size);
            commits.addCommitListener(log);
            return log;
        } catch (SQLException | IOException e) {
            throw new IOException("open the write-ahead log of metadata database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(WriteAheadLog log) {
        if (log != null) {
            try {
                log.close();
            } catch (IOException ignored) {
                // the error being thrown says what went wrong
            }
        }
    }

    /** {@return a pragma's value as text} */
    private static String pragma(Statement s, String name) throws SQLException {
        try (var rs = s.executeQuery("PRAGMA " + name)) {
            return rs.getString(1);
        }
    }

    /** A connection that refuses writes (the driver has no property for {@code query_only}). */
    private static Connection connectReadOnly(Path file, Properties props) throws IOException {
        Connection reader = connect(file, props);
        try (Statement s = reader.createStatement()) {
            s.execute("PRAGMA query_only = 1");
            reader.setAutoCommit(false);
            return reader;
        } catch (SQLException e) {
            try {
                reader.close();
            } catch (SQLException ignored) {
                // the error below says what went wrong
            }
            throw new IOException("open metadata database " + file + " for reads: " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file, Properties props) throws IOException {
        try {
            // the driver directly: DriverManager's service scan costs startup time for nothing
            return org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, props);
        } catch (SQLException e) {
            throw new IOException("open metadata database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** {@return the applied schema version} */
    public int schemaVersion() {
        return read(c -> {
            try (Statement s = c.createStatement()) {
                return Integer.parseInt(pragma(s, "user_version"));
            }
        });
    }

    /**
     * Runs {@code work} against the last committed state, in one read transaction. Inside a
     * {@link #write} on this thread it runs in that write's transaction instead, seeing its changes.
     */
    public <T> T read(Work<T> work) {
        if (reader == null || lock.isHeldByCurrentThread()) {
            return readExcludingWrites(work);
        }
        readLock.lock();
        try {
            // a read within a read joins the transaction already open
            return readLock.getHoldCount() > 1 ? work.run(reader) : inReadTransaction(work);
        } catch (SQLException e) {
            throw new ErrdefsException(ErrorKind.INTERNAL, "metadata read: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Runs {@code work} on the writer's connection under the write lock, so that no write commits
     * while it runs: for work that acts on what it read, as the blob sweep deletes the files no
     * record names. Everything else uses {@link #read}, which never waits for a write.
     */
    public <T> T readExcludingWrites(Work<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new ErrdefsException(ErrorKind.INTERNAL, "metadata read: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** The reader is never in autocommit: its deferred BEGIN takes a snapshot at the first query. */
    private <T> T inReadTransaction(Work<T> work) throws SQLException {
        boolean done = false;
        try {
            T result = work.run(reader);
            done = true;
            return result;
        } finally {
            if (done) {
                reader.commit();
            } else {
                reader.rollback();
            }
        }
    }

    /**
     * Runs {@code work} in one transaction; any exception rolls it back and is rethrown. After a
     * commit the {@linkplain #onMutation mutation listeners} hear of it (outside the lock).
     */
    public <T> T write(Work<T> work) {
        boolean committedDirty;
        T result;
        lock.lock();
        if (lock.getHoldCount() > 1) {
            lock.unlock();
            throw new IllegalStateException("nested metadata write: the inner commit would end the outer transaction");
        }
        try {
            if (syncFailure != null) {
                throw new ErrdefsException(ErrorKind.INTERNAL, "metadata write refused: an earlier commit could not be made durable: "
                        + syncFailure, syncFailure);
            }
            dirty = false;
            connection.setAutoCommit(false);
            try {
                result = work.run(connection);
                connection.commit();
                committedDirty = dirty;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            if (log != null) {
                log.sync();
            }
        } catch (SQLException e) {
            throw new ErrdefsException(ErrorKind.INTERNAL, "metadata write: " + e.getMessage(), e);
        } catch (IOException e) {
            // the transaction is committed and readers see it, but it may not be on disk, and a
            // later sync that succeeds would not say whether it is: nothing more is written
            syncFailure = e;
            throw new ErrdefsException(ErrorKind.INTERNAL, "metadata write: sync the committed transaction: " + e, e);
        } finally {
            dirty = false;
            lock.unlock();
        }
        for (MutationListener listener : listeners) {
            listener.mutated(committedDirty);
        }
        return result;
    }

    /** Inside {@link #write}: this transaction removes references, so a collection is due once it commits. */
    public void markDirty() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("markDirty outside a write");
        }
        dirty = true;
    }

    public void onMutation(MutationListener listener) {
        listeners.add(listener);
    }

    private void migrate(List<Migration> migrations) throws SQLException {
        int current = schemaVersion();
        int latest = migrations.isEmpty() ? 0 : migrations.getLast().version();
        if (current > latest) {
            throw new IllegalStateException("database schema version " + current
                    + " is newer than this daemon understands (" + latest + "); refusing to downgrade");
        }
        for (Migration m : migrations) {
            if (m.version() <= current) {
                continue;
            }
            write(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : m.statements()) {
                        s.executeUpdate(sql);
                    }
                    s.executeUpdate("PRAGMA user_version = " + m.version());
                }
                return null;
            });
        }
    }

    @Override
    public void close() {
        readLock.lock();
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (SQLException ignored) {
            // best effort, as below
        } finally {
            readLock.unlock();
        }
        lock.lock();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is best effort: WAL is checkpointed by SQLite on the next open
        } finally {
            closeQuietly(log);
            lock.unlock();
        }
    }
}
