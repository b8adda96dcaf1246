package io.jcontainerd.plugins.content.local;

import static io.jcontainerd.plugins.content.local.ContentFixtures.assertKind;
import static io.jcontainerd.plugins.content.local.ContentFixtures.payload;
import static io.jcontainerd.plugins.content.local.ContentFixtures.readAll;
import static io.jcontainerd.plugins.content.local.ContentFixtures.sha256;
import static io.jcontainerd.plugins.content.local.ContentFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.plugins.PageCache;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentStoreTest {
    @TempDir
    Path root;
    LocalContentStore store;

    @BeforeEach
    void open() throws IOException {
        store = new LocalContentStore(root);
    }

    private Digest ingest(String ref, byte[] data) throws IOException {
        Digest digest = sha256(data);
        try (Writer w = store.writer(ref, data.length, digest)) {
            w.write(ByteBuffer.wrap(data));
            w.commit(data.length, digest, Map.of());
        }
        return digest;
    }

    private Path ingestDir(String ref) {
        return root.resolve("ingest").resolve(Digest.fromString(ref).hex());
    }

    private List<Path> blobFiles() throws IOException {
        try (var files = Files.walk(root.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void dropCached_leaves_the_blob_out_of_the_page_cache_and_whole() throws IOException {
        byte[] data = payload(1 << 20, 7);
        Digest digest = ingest(sha256(data).toString(), data);
        Path blob = blobFiles().getFirst();
        assertThat(PageCache.holdsAllOf(blob)).as("cached once committed").isTrue();

        store.dropCached(digest);

        assertThat(PageCache.holdsAllOf(blob)).as("cached after the drop").isFalse();
        assertThat(readAll(store, digest)).isEqualTo(data);
        store.dropCached(sha256(new byte[] {1})); // a blob it does not have: nothing to drop, no error
    }

    @Test
    void write_commit_and_read_back() throws IOException {
        byte[] data = payload(300_000, 1);
        Instant before = Instant.now().minusSeconds(1);
        Digest digest = sha256(data);
        try (Writer w = store.writer("layer", data.length, digest)) {
            w.write(slice(data, 0, 1000));
            w.write(data, 1000, data.length - 1000);
            assertThat(w.offset()).isEqualTo(data.length);
            assertThat(w.digest()).isEqualTo(digest);
            w.commit(data.length, digest, Map.of("ignored", "by the local store"));
        }
        assertThat(readAll(store, digest)).isEqualTo(data);
        Info info = store.info(digest);
        assertThat(info.size()).isEqualTo(data.length);
        assertThat(info.createdAt()).isAfter(before);
        assertThat(info.labels()).isEmpty();
        Path blob = root.resolve("blobs/sha256").resolve(digest.hex());
        assertThat(Files.getPosixFilePermissions(blob)).doesNotContain(
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        assertThat(ingestDir("layer")).doesNotExist();
        assertKind(() -> store.status("layer"), ErrorKind.NOT_FOUND);
    }

    @Test
    void reader_reads_at_offsets() throws IOException {
        byte[] data = payload(10_000, 2);
        Digest digest = ingest("r", data);
        try (ReaderAt r = store.readerAt(digest)) {
            assertThat(r.size()).isEqualTo(data.length);
            ByteBuffer buf = ByteBuffer.allocate(100);
            assertThat(r.read(buf, 9_950)).isEqualTo(50);
            assertThat(buf.flip()).isEqualTo(slice(data, 9_950, 10_000));
            assertThat(r.read(ByteBuffer.allocate(1), data.length)).isEqualTo(-1);
            assertThat(r.stream(4_000).readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 4_000, data.length));
        }
        assertKind(() -> store.readerAt(Digest.fromString("absent")), ErrorKind.NOT_FOUND)
                .hasMessageStartingWith("blob " + Digest.fromString("absent") + " expected at ")
                .hasMessageEndingWith(": blob not found: not found");
    }

    @Test
    void wrong_size_or_digest_is_rejected_and_leaves_no_blob() throws IOException {
        byte[] data = payload(5_000, 3);
        Digest wrong = Digest.fromString("something else");
        try (Writer w = store.writer("bad", 0, null)) {
            w.write(ByteBuffer.wrap(data));
            assertKind(() -> w.commit(5_001, null, Map.of()), ErrorKind.FAILED_PRECONDITION)
                    .hasMessage("unexpected commit size 5000, expected 5001: failed precondition");
        }
        try (Writer w = store.writer("bad", 0, null)) {
            assertThat(w.offset()).isEqualTo(data.length);
            assertKind(() -> w.commit(data.length, wrong, Map.of()), ErrorKind.FAILED_PRECONDITION)
                    .hasMessage("unexpected commit digest " + sha256(data) + ", expected " + wrong + ": failed precondition");
        }
        assertThat(blobFiles()).isEmpty();
        assertThat(store.status("bad").offset()).isEqualTo(data.length);
    }

    @Test
    void a_writer_dropped_without_close_is_resumed_by_a_new_store_on_the_same_root() throws IOException {
        byte[] data = payload(3 << 20, 4);
        Writer dropped = store.writer("crash", data.length, sha256(data));
        dropped.write(slice(data, 0, 1 << 20));
        // as after a daemon crash: no close, no commit; a fresh store on the same root
        LocalContentStore restarted = new LocalContentStore(root);
        try (Writer w = restarted.writer("crash", data.length, null)) {
            assertThat(w.offset()).isEqualTo(1 << 20);
            assertThat(w.status().total()).isEqualTo(data.length);
            assertThat(w.status().expected()).isEqualTo(sha256(data));
            w.write(slice(data, 1 << 20, data.length));
            w.commit(data.length, sha256(data), Map.of());
        }
        assertThat(readAll(restarted, sha256(data))).isEqualTo(data);
    }

    @Test
    void a_closed_writer_is_resumed_from_its_offset() throws IOException {
        byte[] data = payload(100_000, 5);
        try (Writer w = store.writer("resume", 0, null)) {
            w.write(slice(data, 0, 40_000));
        }
        Status status = store.status("resume");
        assertThat(status.offset()).isEqualTo(40_000);
        try (Writer w = store.writer("resume", data.length, null)) {
            assertThat(w.offset()).isEqualTo(40_000);
            assertThat(w.status().startedAt()).isEqualTo(status.startedAt());
            w.write(slice(data, 40_000, data.length));
            w.commit(data.length, sha256(data), Map.of());
        }
        assertThat(readAll(store, sha256(data))).isEqualTo(data);
    }

    @Test
    void a_data_file_truncated_behind_the_store_is_rehashed_on_resume() throws IOException {
        byte[] data = payload(200_000, 6);
        try (Writer w = store.writer("poisoned", data.length, null)) {
            w.write(slice(data, 0, 150_000));
        }
        truncateData("poisoned", 60_000);
        // the same store holds a checkpoint of the hash at 150000; it must not be trusted now
        try (Writer w = store.writer("poisoned", data.length, null)) {
            assertThat(w.offset()).isEqualTo(60_000);
            assertThat(w.digest()).isEqualTo(sha256(java.util.Arrays.copyOf(data, 60_000)));
            w.write(slice(data, 60_000, data.length));
            w.commit(data.length, sha256(data), Map.of());
        }
        assertThat(readAll(store, sha256(data))).isEqualTo(data);
    }

    @Test
    void truncation_of_data_under_an_open_writer_fails_its_commit_and_resume_recovers() throws IOException {
        byte[] data = payload(50_000, 7);
        try (Writer w = store.writer("shrunk", 0, null)) {
            w.write(ByteBuffer.wrap(data));
            truncateData("shrunk", 10_000);
            assertKind(() -> w.commit(0, sha256(data), Map.of()), ErrorKind.FAILED_PRECONDITION)
                    .hasMessageContaining("changed while writing: 10000 bytes on disk, 50000 written");
        }
        assertThat(blobFiles()).isEmpty();
        try (Writer w = store.writer("shrunk", 0, null)) {
            assertThat(w.offset()).isEqualTo(10_000);
            w.write(slice(data, 10_000, data.length));
            w.commit(data.length, sha256(data), Map.of());
        }
    }

    private void truncateData(String ref, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(ingestDir(ref).resolve("data"), StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    @Test
    void damaged_ingests_are_skipped_by_listing_and_started_afresh_by_a_writer() throws IOException {
        for (String ref : List.of("no-ref-file", "garbled-time", "other-ref")) {
            try (Writer w = store.writer(ref, 0, null)) {
                w.write(ByteBuffer.wrap(payload(1000, 8)));
            }
        }
        Files.delete(ingestDir("no-ref-file").resolve("ref"));
        Files.writeString(ingestDir("garbled-time").resolve("startedat"), "\0\0garbage");
        Files.writeString(ingestDir("other-ref").resolve("ref"), "someone else");

        assertThat(store.listStatuses(List.<String>of())).extracting(Status::ref).containsExactly("someone else");
        assertThatThrownBy(() -> store.status("garbled-time")).isInstanceOf(IOException.class)
                .hasMessageContaining("could not parse timestamp file");
        byte[] data = payload(500, 9);
        for (String ref : List.of("no-ref-file", "garbled-time", "other-ref")) {
            try (Writer w = store.writer(ref, 0, null)) {
                assertThat(w.offset()).as(ref).isZero();
                w.write(ByteBuffer.wrap(data));
                assertThat(w.digest()).isEqualTo(sha256(data));
            }
            assertThat(store.status(ref).ref()).isEqualTo(ref);
            assertThat(store.status(ref).offset()).isEqualTo(data.length);
        }
    }

    @Test
    void a_different_total_on_resume_starts_over() throws IOException {
        try (Writer w = store.writer("sized", 100, null)) {
            w.write(ByteBuffer.wrap(payload(50, 10)));
        }
        try (Writer w = store.writer("sized", 200, null)) {
            assertThat(w.offset()).isZero();
            assertThat(w.status().total()).isEqualTo(200);
        }
    }

    @Test
    void a_ref_held_by_an_open_writer_is_unavailable_until_released() throws IOException {
        Writer first = store.writer("busy", 0, null);
        assertKind(() -> store.writer("busy", 0, null), ErrorKind.UNAVAILABLE)
                .hasMessageMatching("ref busy locked for [0-9.]+(ns|µs|ms|s) \\(since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? [+-]\\d{4} \\S+\\): unavailable");
        first.close();
        try (Writer second = store.writer("busy", 0, null)) {
            second.write(ByteBuffer.wrap(new byte[]{1}));
            second.commit(1, null, Map.of());
        }
        store.writer("busy", 0, null).close();
    }

    @Test
    void a_waiting_writer_gets_the_ref_when_the_holder_closes_soon() throws Exception {
        Writer first = store.writer("handover", 0, null);
        Thread closer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
                first.close();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        try (Writer second = store.writer("handover", 0, null)) {
            assertThat(second.offset()).isZero();
        }
        closer.join();
    }

    @Test
    void committing_present_content_is_already_exists_and_removes_the_ingest() throws IOException {
        byte[] data = payload(1000, 11);
        Digest digest = ingest("one", data);
        try (Writer w = store.writer("two", 0, null)) {
            w.write(ByteBuffer.wrap(data));
            assertKind(() -> w.commit(data.length, digest, Map.of()), ErrorKind.ALREADY_EXISTS)
                    .hasMessage("content " + digest + ": already exists");
        }
        assertThat(ingestDir("two")).doesNotExist();
        assertKind(() -> store.writer("three", data.length, digest), ErrorKind.ALREADY_EXISTS)
                .hasMessage("content " + digest + ": already exists");
        store.writer("three", 0, null).close(); // the failed open released its lock
    }

    @Test
    void abort_removes_the_ingest() throws IOException {
        try (Writer w = store.writer("gone", 0, null)) {
            w.write(ByteBuffer.wrap(payload(100, 12)));
        }
        store.abort("gone");
        assertThat(ingestDir("gone")).doesNotExist();
        assertThat(store.listStatuses(List.<String>of())).isEmpty();
        assertKind(() -> store.abort("gone"), ErrorKind.NOT_FOUND).hasMessage("ingest ref \"gone\": not found");
        try (Writer w = store.writer("gone", 0, null)) {
            assertThat(w.offset()).isZero();
        }
    }

    @Test
    void abort_under_an_open_writer_leaves_nothing_to_resume() throws IOException {
        Writer w = store.writer("cancelled", 0, null);
        w.write(ByteBuffer.wrap(payload(100, 18)));
        store.abort("cancelled");
        w.close();
        assertThat(ingestDir("cancelled")).doesNotExist();
        try (Writer again = store.writer("cancelled", 0, null)) {
            assertThat(again.offset()).isZero();
        }
    }

    @Test
    void delete_removes_the_blob_and_reports_absent_ones() throws IOException {
        Digest digest = ingest("d", payload(10, 13));
        store.delete(digest);
        assertKind(() -> store.info(digest), ErrorKind.NOT_FOUND).hasMessage("content " + digest + ": not found");
        assertKind(() -> store.delete(digest), ErrorKind.NOT_FOUND).hasMessage("content " + digest + ": not found");
        assertKind(() -> store.readerAt(digest), ErrorKind.NOT_FOUND);
    }

    @Test
    void walk_lists_valid_blobs_in_path_order_and_filters() throws IOException {
        List<Digest> digests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            digests.add(ingest("w" + i, payload(10 + i, 20 + i)));
        }
        digests.sort(java.util.Comparator.comparing(Digest::hex));
        Files.createDirectories(root.resolve("blobs/md5"));
        Files.writeString(root.resolve("blobs/md5/d41d8cd98f00b204e9800998ecf8427e"), "");
        Files.writeString(root.resolve("blobs/sha256/not-a-digest"), "");

        List<Info> all = new ArrayList<>();
        store.walk(List.of(), all::add);
        assertThat(all).extracting(Info::digest).containsExactlyElementsOf(digests);
        assertThat(all).extracting(Info::size).allMatch(size -> size >= 10 && size <= 12);

        List<Info> one = new ArrayList<>();
        store.walk(List.of("digest==" + digests.get(1)), one::add);
        assertThat(one).extracting(Info::digest).containsExactly(digests.get(1));
        assertKind(() -> store.walk(List.of("digest=="), i -> { }), ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void status_reports_ref_offset_total_expected_and_times() throws Exception {
        Instant before = Instant.now();
        Digest expected = Digest.fromString("expected");
        try (Writer w = store.writer("timed", 1234, expected)) {
            w.write(ByteBuffer.wrap(new byte[100]));
        }
        Status first = store.status("timed");
        assertThat(first.ref()).isEqualTo("timed");
        assertThat(first.offset()).isEqualTo(100);
        assertThat(first.total()).isEqualTo(1234);
        assertThat(first.expected()).isEqualTo(expected);
        assertThat(first.startedAt()).isBetween(before, Instant.now());
        assertThat(first.updatedAt()).isAfterOrEqualTo(first.startedAt());
        Thread.sleep(20);
        try (Writer w = store.writer("timed", 0, null)) {
            w.write(ByteBuffer.wrap(new byte[100]));
        }
        Status second = store.status("timed");
        assertThat(second.startedAt()).isEqualTo(first.startedAt());
        assertThat(second.updatedAt()).isAfter(first.updatedAt());
        assertThat(second.offset()).isEqualTo(200);

        store.writer("other", 0, null).close();
        assertThat(store.listStatuses(List.of("ref==timed"))).containsExactly(second);
        assertThat(store.listStatuses(List.of("ref~=^o", "ref==timed"))).extracting(Status::ref)
                .containsExactly("other", "timed");
        assertKind(() -> store.status("never"), ErrorKind.NOT_FOUND);
    }

    @Test
    void truncate_restarts_the_ingest() throws IOException {
        byte[] data = payload(1000, 14);
        try (Writer w = store.writer("t", 0, null)) {
            w.write(ByteBuffer.wrap(payload(5000, 15)));
            w.truncate(0);
            assertThat(w.offset()).isZero();
            w.write(ByteBuffer.wrap(data));
            assertKind(() -> w.truncate(5), ErrorKind.INVALID_ARGUMENT);
            w.commit(data.length, sha256(data), Map.of());
        }
        assertThat(readAll(store, sha256(data))).isEqualTo(data);
    }

    @Test
    void a_released_writer_refuses_more_work() throws IOException {
        Writer w = store.writer("closed", 0, null);
        w.close();
        w.close();
        assertKind(() -> w.write(ByteBuffer.allocate(1)), ErrorKind.FAILED_PRECONDITION);
        assertKind(() -> w.commit(0, null, Map.of()), ErrorKind.FAILED_PRECONDITION)
                .hasMessage("cannot commit on closed writer: failed precondition");
    }

    @Test
    void labels_are_not_kept_here_so_update_is_refused_like_upstream() throws IOException {
        Digest digest = ingest("u", payload(10, 16));
        assertKind(() -> store.update(store.info(digest), List.of("labels.x")), ErrorKind.FAILED_PRECONDITION)
                .hasMessage("update not supported on immutable content store: failed precondition");
    }

    @Test
    void an_empty_ref_is_invalid() {
        assertKind(() -> store.writer("", 0, null), ErrorKind.INVALID_ARGUMENT)
                .hasMessage("ref must not be empty: invalid argument");
    }

    @Test
    void concurrent_writers_on_different_refs() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Digest>> done = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] data = payload((1 << 20) + i * 12_345, 100 + i);
                payloads.add(data);
                String ref = "parallel-" + i;
                done.add(pool.submit(() -> {
                    try (Writer w = store.writer(ref, data.length, null)) {
                        for (int off = 0; off < data.length; off += 64 << 10) {
                            w.write(slice(data, off, Math.min(data.length, off + (64 << 10))));
                        }
                        w.commit(data.length, sha256(data), Map.of());
                    }
                    return sha256(data);
                }));
            }
            for (int i = 0; i < writers; i++) {
                assertThat(readAll(store, done.get(i).get())).isEqualTo(payloads.get(i));
            }
            assertThat(store.listStatuses(List.<String>of())).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_blob_appears_only_whole() throws Exception {
        byte[] data = payload(48 << 20, 17);
        Digest digest = sha256(data);
        Path blob = root.resolve("blobs/sha256").resolve(digest.hex());
        AtomicBoolean committing = new AtomicBoolean(true);
        AtomicLong partialSightings = new AtomicLong();
        AtomicLong wholeSightings = new AtomicLong();
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (committing.get()) {
                try {
                    long size = Files.size(blob);
                    (size == data.length ? wholeSightings : partialSightings).incrementAndGet();
                } catch (IOException absent) {
                    Thread.onSpinWait();
                }
            }
        });
        try (Writer w = store.writer("atomic", data.length, digest)) {
            for (int off = 0; off < data.length; off += 1 << 20) {
                w.write(slice(data, off, off + (1 << 20)));
                assertThat(blob).doesNotExist();
            }
            w.commit(data.length, digest, Map.of());
        } finally {
            committing.set(false);
            watcher.join();
        }
        assertThat(partialSightings).hasValue(0);
        assertThat(Files.size(blob)).isEqualTo(data.length);
    }
}
