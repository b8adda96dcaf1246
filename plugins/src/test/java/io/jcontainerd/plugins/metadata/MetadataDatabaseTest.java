package io.jcontainerd.plugins.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> db.write(c -> {
                update(c, "UPDATE t SET v = 'new' WHERE k = 'a'");
                writing.countDown();
                await(finish);
                return null;
            }), Thread::startVirtualThread);
            assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> db.read(c -> value(c, "a")),
                    Thread::startVirtualThread);
            assertThat(read.get(5, TimeUnit.SECONDS)).as("read while the write is open").isEqualTo("old");

            finish.countDown();
            writer.get(5, TimeUnit.SECONDS);
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

    private static Void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
        return null;
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
