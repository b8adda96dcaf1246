package io.jcontainerd.plugins.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.leases.Resource;
import io.jcontainerd.plugins.content.local.LocalContentStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mark and sweep over the metadata database and the blob store behind it, as containerd's metadata GC behaves. */
class MetadataCollectorTest {
    @TempDir
    java.nio.file.Path dir;
    LocalContentStore blobs;
    Metadata metadata;
    final List<Boolean> mutations = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        blobs = new LocalContentStore(dir.resolve("content"));
        metadata = MetadataPlugin.open(dir.resolve("meta.sqlite"), MetadataConfig.defaults(), blobs);
        metadata.collector().onMutation(mutations::add);
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    private ContentStore ns(String namespace) {
        return metadata.content().in(namespace);
    }

    private static Digest put(ContentStore store, String text, Map<String, String> labels) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        try (Writer w = store.writer("ref-" + text, data.length, null)) {
            w.write(ByteBuffer.wrap(data));
            w.commit(data.length, null, labels);
            return w.digest();
        }
    }

    private boolean present(String namespace, Digest digest) throws IOException {
        try {
            ns(namespace).info(digest);
            return true;
        } catch (ErrdefsException e) {
            assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
            return false;
        }
    }

    private boolean onDisk(Digest digest) throws IOException {
        try {
            blobs.info(digest);
            return true;
        } catch (ErrdefsException e) {
            return false;
        }
    }

    @Test
    void unreferencedBlobsGoAndRootsKeepWhatTheirLabelsReference() throws IOException {
        Digest loose = put(ns("a"), "loose", Map.of());
        Digest leaf = put(ns("a"), "leaf", Map.of());
        Digest middle = put(ns("a"), "middle", Map.of(GcLabels.CONTENT_REF + ".l", leaf.toString()));
        Digest root = put(ns("a"), "root", Map.of(GcLabels.ROOT, "x", GcLabels.CONTENT_REF + "/m", middle.toString()));
        // a reference names a blob in its own namespace only
        Digest elsewhere = put(ns("b"), "elsewhere", Map.of());
        put(ns("a"), "pointer", Map.of(GcLabels.ROOT, "x", GcLabels.CONTENT_REF, elsewhere.toString()));

        var stats = metadata.collector().collect();

        assertThat(present("a", loose)).isFalse();
        assertThat(onDisk(loose)).isFalse();
        for (Digest kept : List.of(leaf, middle, root)) {
            assertThat(present("a", kept)).as(kept.toString()).isTrue();
        }
        assertThat(present("b", elsewhere)).isFalse();
        assertThat(stats.removed()).isEqualTo(2);
    }

    @Test
    void aLeaseKeepsWhatItHoldsUntilDeletedOrExpired() throws IOException {
        metadata.leases().in("a").create("live", Map.of());
        metadata.leases().in("a").create("expired", Map.of(GcLabels.EXPIRE, "2001-01-01T00:00:00Z"));
        Digest held = put(metadata.content().in("a", Optional.of("live")), "held", Map.of());
        Digest lapsed = put(metadata.content().in("a", Optional.of("expired")), "lapsed", Map.of());
        assertThat(metadata.leases().in("a").listResources("live")).containsExactly(new Resource(held.toString(), "content"));

        metadata.collector().collect();
        assertThat(present("a", held)).isTrue();
        assertThat(present("a", lapsed)).isFalse();
        assertThat(metadata.leases().in("a").list(List.of())).extracting(l -> l.id()).containsExactly("live");

        metadata.leases().in("a").delete("live");
        metadata.collector().collect();
        assertThat(present("a", held)).isFalse();
        assertThat(onDisk(held)).isFalse();
    }

    @Test
    void aFlatLeaseHoldsTheObjectButNotWhatItReferences() throws IOException {
        Digest child = put(ns("a"), "child", Map.of());
        metadata.leases().in("a").create("flat", Map.of(GcLabels.FLAT, "true"));
        Digest parent = put(metadata.content().in("a", Optional.of("flat")), "parent",
                Map.of(GcLabels.CONTENT_REF, child.toString()));
        metadata.collector().collect();
        assertThat(present("a", parent)).isTrue();
        assertThat(present("a", child)).isFalse();
    }

    @Test
    void anIngestLivesUntilItExpiresThenItsBytesAreAborted() throws IOException {
        try (Writer w = ns("a").writer("partial", 10, null)) {
            w.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
        }
        metadata.collector().collect();
        assertThat(ns("a").status("partial").offset()).isEqualTo(5);

        metadata.database().write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE content_ingests SET expires_at = ?")) {
                ps.setLong(1, Nanos.of(Instant.now().minusSeconds(1)));
                return ps.executeUpdate();
            }
        });
        metadata.collector().collect();
        assertThat(ns("a").listStatuses(s -> true)).isEmpty();
        assertThat(blobs.listStatuses(s -> true)).extracting(Status::ref).isEmpty();
    }

    @Test
    void aLeasedIngestLivesWithItsLeaseAndCommittingMovesTheHoldToTheBlob() throws IOException {
        metadata.leases().in("a").create("pull", Map.of());
        ContentStore leased = metadata.content().in("a", Optional.of("pull"));
        byte[] data = "leased".getBytes(StandardCharsets.UTF_8);
        try (Writer w = leased.writer("layer", data.length, null)) {
            w.write(ByteBuffer.wrap(data));
            assertThat(metadata.leases().in("a").listResources("pull")).containsExactly(new Resource("layer", "ingests"));
            metadata.collector().collect();
            assertThat(ns("a").status("layer").offset()).isEqualTo(data.length);
            w.commit(data.length, null, Map.of());
            assertThat(metadata.leases().in("a").listResources("pull"))
                    .containsExactly(new Resource(w.digest().toString(), "content"));
        }
    }

    @Test
    void aWriterUnderAMissingLeaseIsNotFound() {
        assertThatThrownBy(() -> metadata.content().in("a", Optional.of("nope")).writer("r", 0, null))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("lease does not exist");
    }

    @Test
    void aBlobClaimedByAnOpenWriterSurvivesItsOwnersDelete() throws IOException {
        Digest shared = put(ns("a"), "shared", Map.of());
        try (Writer claim = ns("b").writer("claim", 0, shared)) {
            ns("a").delete(shared);
            metadata.collector().collect();
            claim.commit(0, shared, Map.of());
        }
        assertThat(present("b", shared)).isTrue();
        assertThat(onDisk(shared)).isTrue();
    }

    @Test
    void deletesTellTheSchedulerACollectionIsDue() throws IOException {
        Digest d = put(ns("a"), "x", Map.of());
        mutations.clear();
        ns("a").delete(d);
        metadata.leases().in("a").create("l", Map.of());
        assertThat(mutations).containsExactly(true, false);
    }

    @Test
    void aBlobGoesOnlyOnceTheRemovalOfItsRecordIsCommitted() throws IOException {
        // the second blob delete fails, as if the daemon died there: nothing that came before may be undone
        metadata.close();
        metadata = MetadataPlugin.open(dir.resolve("faulty.sqlite"), MetadataConfig.defaults(),
                new FailingSecondDelete(blobs));
        Digest first = put(ns("a"), "first", Map.of());
        Digest second = put(ns("a"), "second", Map.of());

        assertThatThrownBy(() -> metadata.collector().collect()).hasMessageContaining("second delete fails");

        for (Digest d : List.of(first, second)) {
            assertThat(present("a", d)).as("record of %s", d).isFalse();
        }
        assertThat(List.of(onDisk(first), onDisk(second))).containsExactlyInAnyOrder(false, true);
        metadata.collector().collect();
        assertThat(onDisk(first) || onDisk(second)).as("blob the failed sweep left").isFalse();
    }

    /** The blob store, except that its second delete fails. */
    private record FailingSecondDelete(ContentStore store, AtomicInteger deletes)
            implements ContentStore {
        FailingSecondDelete(ContentStore store) {
            this(store, new AtomicInteger());
        }

        @Override
        public void delete(Digest digest) throws IOException {
            if (deletes.incrementAndGet() == 2) {
                throw new IOException("second delete fails");
            }
            store.delete(digest);
        }

        @Override
        public Info info(Digest digest) throws IOException {
            return store.info(digest);
        }

        @Override
        public Info update(Info info, List<String> fieldpaths) throws IOException {
            return store.update(info, fieldpaths);
        }

        @Override
        public void walk(Predicate<Info> filter, Consumer<Info> visitor) throws IOException {
            store.walk(filter, visitor);
        }

        @Override
        public ReaderAt readerAt(Digest digest) throws IOException {
            return store.readerAt(digest);
        }

        @Override
        public Status status(String ref) throws IOException {
            return store.status(ref);
        }

        @Override
        public List<Status> listStatuses(Predicate<Status> filter) throws IOException {
            return store.listStatuses(filter);
        }

        @Override
        public void abort(String ref) throws IOException {
            store.abort(ref);
        }

        @Override
        public Writer writer(String ref, long total, Digest expected) throws IOException {
            return store.writer(ref, total, expected);
        }
    }

    @Test
    void aBlobTheCrashLeftUnrecordedGoesAtTheFirstCollection() throws IOException {
        byte[] data = "orphan".getBytes(StandardCharsets.UTF_8);
        try (Writer w = blobs.writer("orphan", data.length, null)) {
            w.write(ByteBuffer.wrap(data));
            w.commit(data.length, null, Map.of());
        }
        metadata.collector().collect();
        assertThat(onDisk(Digest.fromString("orphan"))).isFalse();
    }
}
