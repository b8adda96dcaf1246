package io.jcontainerd.plugins.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataDatabaseTest {
    private static final List<Migration> SCHEMA = List.of(new Migration(1, "a table",
            List.of("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)")));

    @TempDir
    Path dir;

    @Test
    void aReadDuringAWriteSeesTheLastCommitAndDoesNotWaitForIt() throws Exception {
        try (MetadataDatabase db = MetadataDatabase.open(dir.resolve("m.db"), SCHEMA)) {
            db.write(c -> update(c, "INSERT INTO t VALUES ('a', 'old')"));
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<Void> writer = openWrite(db, "UPDATE t SET v = 'new' WHERE k = 'a'", finish);

            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> db.read(c -> value(c, "a")),
                    Thread::startVirtualThread);
            assertThat(read.get(5, TimeUnit.SECONDS)).as("read while the write is open").isEqualTo("old");

            finish.countDown();
            writer.get(5, TimeUnit.SECONDS);
            String after = db.read(c -> value(c, "a"));
            assertThat(after).isEqualTo("new");
        }
    }

    /** What the blob sweep relies on: no write commits between its look and its deletes. */
    @Test
    void aReadExcludingWritesWaitsForAnOpenWriteAndHoldsOffTheNext() throws Exception {
        try (MetadataDatabase db = MetadataDatabase.open(dir.resolve("m.db"), SCHEMA)) {
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<Void> writer = openWrite(db, "INSERT INTO t VALUES ('a', 'first')", finish);
            CompletableFuture<String> exclusive = CompletableFuture.supplyAsync(
                    () -> db.readExcludingWrites(c -> value(c, "a")), Thread::startVirtualThread);
            Thread.sleep(200);
            assertThat(exclusive).as("waits for the open write").isNotDone();
            finish.countDown();
            assertThat(exclusive.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            writer.get(5, TimeUnit.SECONDS);

            CountDownLatch looked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> sweep = CompletableFuture.supplyAsync(() -> db.readExcludingWrites(c -> {
                looked.countDown();
                await(release);
                return value(c, "b");
            }), Thread::startVirtualThread);
            assertThat(looked.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> next = CompletableFuture.runAsync(
                    () -> db.write(c -> update(c, "INSERT INTO t VALUES ('b', 'late')")), Thread::startVirtualThread);
            Thread.sleep(200);
            assertThat(next).as("a write waits for the exclusive read").isNotDone();
            release.countDown();
            assertThat(sweep.get(5, TimeUnit.SECONDS)).isNull();
            next.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReadWithinAReadKeepsTheOuterReadsSnapshot() throws Exception {
        try (MetadataDatabase db = MetadataDatabase.open(dir.resolve("m.db"), SCHEMA)) {
            db.write(c -> update(c, "INSERT INTO t VALUES ('a', 'old')"));
            List<String> seen = db.read(c -> {
                String first = value(c, "a");
                CompletableFuture.runAsync(() -> db.write(w -> update(w, "UPDATE t SET v = 'new' WHERE k = 'a'")),
                        Thread::startVirtualThread).join();
                String inner = db.read(r -> value(r, "a"));
                return List.of(first, inner, value(c, "a"));
            });
            assertThat(seen).containsExactly("old", "old", "old");
            String after = db.read(c -> value(c, "a"));
            assertThat(after).isEqualTo("new");
        }
    }

    @Test
    void aReadInsideAWriteSeesThatWritesChanges() {
        try (MetadataDatabase db = MetadataDatabase.open(dir.resolve("m.db"), SCHEMA)) {
            String seen = db.write(c -> {
                update(c, "INSERT INTO t VALUES ('b', 'pending')");
                return db.read(r -> value(r, "b"));
            });
            assertThat(seen).isEqualTo("pending");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aReadCannotWrite() throws Exception {
        try (MetadataDatabase db = MetadataDatabase.open(dir.resolve("m.db"), SCHEMA)) {
            assertThatThrownBy(() -> db.read(c -> update(c, "INSERT INTO t VALUES ('c', 'x')")))
                    .isInstanceOf(ErrdefsException.class).hasMessageContaining("readonly");
            String absent = db.read(c -> value(c, "c"));
            assertThat(absent).isNull();
        }
    }

    /** A commit that grows its log waits on journaled ext4 for the new size to reach the journal too. */
    @Test
    void theLogHasItsFullSizeFromTheOpenSoCommitsOverwriteIt() throws Exception {
        Path file = dir.resolve("m.db");
        Path wal = dir.resolve("m.db-wal");
        try (MetadataDatabase db = MetadataDatabase.open(file, SCHEMA)) {
            long reserved = Files.size(wal);
            assertThat(reserved).as("SQLite's defaults: 4 KiB pages, checkpoint at 1000")
                    .isEqualTo(WriteAheadLog.size(4096, 1000)).isGreaterThan(4_100_000);
            for (int i = 0; i < 200; i++) {
                String key = "k" + i;
                db.write(c -> update(c, "INSERT INTO t VALUES ('" + key + "', 'v')"));
            }
            assertThat(Files.size(wal)).as("200 commits later").isEqualTo(reserved);
            assertThat(committed(db, "k199")).isEqualTo("v");
        }
        try (MetadataDatabase db = MetadataDatabase.open(file, SCHEMA)) {
            assertThat(committed(db, "k0")).isEqualTo("v");
        }
    }

    /** A cancelled call interrupts its thread; an interrupt closes a Java file channel for good. */
    @Test
    void aWriteOnAnInterruptedThreadCommitsKeepsTheInterruptAndLaterWritesWork() throws Exception {
        try (MetadataDatabase db = MetadataDatabase.open(dir.resolve("m.db"), SCHEMA)) {
            Thread.currentThread().interrupt();
            try {
                db.write(c -> update(c, "INSERT INTO t VALUES ('a', 'interrupted')"));
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
            }
            db.write(c -> update(c, "INSERT INTO t VALUES ('b', 'next')"));
            assertThat(committed(db, "a")).isEqualTo("interrupted");
            assertThat(committed(db, "b")).isEqualTo("next");
        }
    }

    /**
     * A daemon killed before a checkpoint leaves its last commits only in a short log: the open
     * that reserves the log must keep them (it writes past the end only).
     */
    @Test
    void commitsThatOnlyACrashedDaemonsLogHoldsSurviveTheOpen() throws Exception {
        Path crashed = dir.resolve("crashed");
        Files.createDirectories(crashed);
        Properties props = new Properties();
        props.setProperty("journal_mode", "WAL");
        try (Connection c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + dir.resolve("live.db"), props);
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
            s.executeUpdate("PRAGMA user_version = 1");
            s.executeUpdate("INSERT INTO t VALUES ('a', 'committed')");
            // the files as a kill -9 leaves them: the rows are in the log, not yet in the database
            Files.copy(dir.resolve("live.db"), crashed.resolve("m.db"));
            Files.copy(dir.resolve("live.db-wal"), crashed.resolve("m.db-wal"));
        }
        long logged = Files.size(crashed.resolve("m.db-wal"));
        assertThat(logged).isPositive().isLessThan(WriteAheadLog.size(4096, 1000));

        try (MetadataDatabase db = MetadataDatabase.open(crashed.resolve("m.db"), SCHEMA)) {
            assertThat(Files.size(crashed.resolve("m.db-wal"))).isEqualTo(WriteAheadLog.size(4096, 1000));
            assertThat(committed(db, "a")).isEqualTo("committed");
            db.write(c -> update(c, "INSERT INTO t VALUES ('b', 'after')"));
        }
        try (MetadataDatabase db = MetadataDatabase.open(crashed.resolve("m.db"), SCHEMA)) {
            assertThat(committed(db, "a")).isEqualTo("committed");
            assertThat(committed(db, "b")).isEqualTo("after");
        }
    }

    /** Starts a write that runs {@code sql} and stays open until {@code finish}; returns once it has run the SQL. */
    private static CompletableFuture<Void> openWrite(MetadataDatabase db, String sql, CountDownLatch finish)
            throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> db.write(c -> {
            update(c, sql);
            writing.countDown();
            await(finish);
            return null;
        }), Thread::startVirtualThread);
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        return writer;
    }

    private static Void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
        return null;
    }

    private static String committed(MetadataDatabase db, String key) {
        return db.read(c -> value(c, key));
    }

    private static String value(Connection c, String key) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t WHERE k = '" + key + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
