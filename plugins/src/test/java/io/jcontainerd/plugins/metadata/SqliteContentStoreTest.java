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
import io.jcontainerd.plugins.content.local.LocalContentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteContentStoreTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final Digest HELLO_DIGEST = Digest.fromString("hello");

    @TempDir
    Path dir;
    LocalContentStore blobs;
    Metadata metadata;

    private ContentStore open(String policy) throws IOException {
        blobs = new LocalContentStore(dir.resolve("content"));
        metadata = MetadataPlugin.open(dir.resolve("meta.sqlite"), new MetadataConfig(policy), blobs);
        return metadata.content().in("a");
    }

    @AfterEach
    void close() {
        if (metadata != null) {
            metadata.close();
        }
    }

    private static void put(ContentStore store, String ref, byte[] data, Map<String, String> labels) throws IOException {
        try (Writer w = store.writer(ref, data.length, null)) {
            w.write(ByteBuffer.wrap(data));
            w.commit(data.length, null, labels);
        }
    }

    private static byte[] read(ContentStore store, Digest digest) throws IOException {
        try (ReaderAt r = store.readerAt(digest)) {
            return r.stream(0).readAllBytes();
        }
    }

    private static void assertFails(ThrowingCallable call, ErrorKind kind, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    private static List<Info> all(ContentStore store) throws IOException {
        List<Info> infos = new ArrayList<>();
        store.walk(List.of(), infos::add);
        return infos;
    }

    /**
     * A writer that waited for the ref while another committed the blob gets ALREADY_EXISTS, as
     * one that came after the commit does, instead of a fresh ingest to write the blob again.
     */
    @Test
    void aWriterThatWaitedForTheRefWhileTheBlobWasCommittedFindsItThere() throws Exception {
        ContentStore a = open(MetadataConfig.SHARED);
        Writer first = a.writer("r", HELLO.length, HELLO_DIGEST);
        first.write(ByteBuffer.wrap(HELLO));
        CompletableFuture<Writer> second = CompletableFuture.supplyAsync(() -> {
            try {
                return a.writer("r", HELLO.length, HELLO_DIGEST);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread.sleep(100); // within the blob store's patience for a held ref
        first.commit(HELLO.length, HELLO_DIGEST, Map.of());
        first.close();

        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ErrdefsException.class)
                .cause().hasMessage("content " + HELLO_DIGEST + ": already exists");
        assertThat(a.listStatuses(List.of())).as("no ingest left behind").isEmpty();
        assertThat(read(a, HELLO_DIGEST)).isEqualTo(HELLO);
    }

    @Test
    void blobIsVisibleOnlyInTheNamespaceThatCommittedIt() throws IOException {
        ContentStore a = open(MetadataConfig.SHARED);
        ContentStore b = metadata.content().in("b");
        put(a, "r", HELLO, Map.of("k", "v"));

        Info info = a.info(HELLO_DIGEST);
        assertThat(info.size()).isEqualTo(5);
        assertThat(info.labels()).containsExactly(Map.entry("k", "v"));
        assertThat(read(a, HELLO_DIGEST)).isEqualTo(HELLO);
        assertThat(all(a)).extracting(Info::digest).containsExactly(HELLO_DIGEST);
        assertThat(all(b)).isEmpty();
        assertFails(() -> b.info(HELLO_DIGEST), ErrorKind.NOT_FOUND, "content digest " + HELLO_DIGEST + ": not found");
        assertFails(() -> b.readerAt(HELLO_DIGEST), ErrorKind.NOT_FOUND, "content digest " + HELLO_DIGEST + ": not found");
    }

    @Test
    void committingOwnedContentAgainIsAlreadyExists() throws IOException {
        ContentStore a = open(MetadataConfig.SHARED);
        put(a, "r", HELLO, Map.of());
        assertFails(() -> a.writer("r2", 0, HELLO_DIGEST), ErrorKind.ALREADY_EXISTS,
                "content " + HELLO_DIGEST + ": already exists");
        assertFails(() -> put(a, "r3", HELLO, Map.of()), ErrorKind.ALREADY_EXISTS,
                "content " + HELLO_DIGEST + ": already exists");
        assertThat(a.listStatuses(List.of())).isEmpty();
    }

    @Test
    void sharedPolicyLetsANamespaceClaimABlobByDigest() throws IOException {
        ContentStore a = open(MetadataConfig.SHARED);
        ContentStore b = metadata.content().in("b");
        put(a, "r", HELLO, Map.of());
        try (Writer w = b.writer("claim", 0, HELLO_DIGEST)) {
            assertThat(w.status().offset()).isEqualTo(5);
            assertThat(w.digest()).isEqualTo(HELLO_DIGEST);
            w.commit(5, HELLO_DIGEST, Map.of("mine", "yes"));
        }
        assertThat(b.info(HELLO_DIGEST).labels()).containsExactly(Map.entry("mine", "yes"));
        assertThat(a.info(HELLO_DIGEST).labels()).isEmpty();
    }

    @Test
    void sharedClaimChecksSizeAndDigestLikeUpstream() throws IOException {
        ContentStore a = open(MetadataConfig.SHARED);
        ContentStore b = metadata.content().in("b");
        put(a, "r", HELLO, Map.of());
        try (Writer w = b.writer("claim", 0, HELLO_DIGEST)) {
            assertFails(() -> w.commit(4, null, Map.of()), ErrorKind.FAILED_PRECONDITION,
                    "\"claim\" failed size validation: 5 != 4: failed precondition");
        }
        assertThat(all(b)).isEmpty();
    }

    @Test
    void isolatedPolicyMakesANamespaceSupplyTheBytes() throws IOException {
        ContentStore a = open(MetadataConfig.ISOLATED);
        ContentStore b = metadata.content().in("b");
        put(a, "r", HELLO, Map.of());
        try (Writer w = b.writer("claim", 0, HELLO_DIGEST)) {
            assertThat(w.offset()).isZero();
            assertFails(() -> w.commit(0, HELLO_DIGEST, Map.of()), ErrorKind.FAILED_PRECONDITION,
                    "unexpected commit digest " + Digest.fromString("") + ", expected " + HELLO_DIGEST
                            + ": failed precondition");
        }
        b.abort("claim");
        put(b, "bytes", HELLO, Map.of());
        assertThat(read(b, HELLO_DIGEST)).isEqualTo(HELLO);
    }

    @Test
    void wrongExpectationsLeaveNoBlob() throws IOException {
        ContentStore a = open(MetadataConfig.SHARED);
        try (Writer w = a.writer("r", 0, null)) {
            w.write(ByteBuffer.wrap(HELLO));
            assertFails(() -> w.commit(6, null, Map.of()), ErrorKind.FAILED_PRECONDITION,
                    "\"r\" failed size validation: 5 != 6: failed precondition");
        }
        assertThat(all(a)).isEmpty();
        assertThat(a.status("r").offset()).isEqualTo(5);
    }

    @Test
    void ingestsAreNamespaced() throws IOException {
        ContentStore a = open(MetadataConfig.SHARED);
        ContentStore b = metadata.content().in("b");
        try (Writer w = a.writer("same-ref", 0, null)) {
            w.write(ByteBuffer.wrap(HELLO));
        }
        try (Writer w = b.writer("same-ref", 0, null)) {
            assertThat(w.offset()).isZero();
        }
        assertThat(a.listStatuses(List.of())).extracting(Status::ref, Status::offset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("same-ref", 5L));
        assertThat(a.listStatuses(List.of("ref==other"))).isEmpty();
        b.abort("same-ref");
        assertFails(() -> b.status("same-ref"), ErrorKind.NOT_FOUND, "reference same-ref: not found");
        assertFails(() -> b.abort("same-ref"), ErrorKind.NOT_FOUND, "reference same-ref: not found");
        assertThat(a.status("same-ref").offset()).isEqualTo(5);
        assertFails(() -> a.writer("", 0, null), ErrorKind.INVALID_ARGUMENT, "ref must not be empty: invalid argument");
    }

    @Test
    void updateFollowsFieldPaths() throws IOException {
        ContentStore a = open(MetadataConfig.SHARED);
        put(a, "r", HELLO, Map.of("x", "1", "y", "2"));
        Info request = new Info(HELLO_DIGEST, 0, null, null, Map.of("x", "10", "z", "3"));

        assertThat(a.update(request, List.of("labels.x")).labels()).containsOnly(Map.entry("x", "10"), Map.entry("y", "2"));
        assertThat(a.update(request, List.of("labels.y")).labels()).containsOnly(Map.entry("x", "10"));
        assertThat(a.update(request, List.of()).labels()).containsOnly(Map.entry("x", "10"), Map.entry("z", "3"));
        assertThat(a.info(HELLO_DIGEST).labels()).containsOnly(Map.entry("x", "10"), Map.entry("z", "3"));
        assertFails(() -> a.update(request, List.of("size")), ErrorKind.INVALID_ARGUMENT,
                "cannot update \"size\" field on content info \"" + HELLO_DIGEST + "\": invalid argument");
        assertFails(() -> a.update(new Info(HELLO_DIGEST, 0, null, null, Map.of("", "v")), List.of()),
                ErrorKind.UNKNOWN, "writing labels for info " + HELLO_DIGEST + ": key required");
        assertThat(a.info(HELLO_DIGEST).labels()).containsOnly(Map.entry("x", "10"), Map.entry("z", "3"));
        Info missing = new Info(Digest.fromString("x"), 0, null, null, Map.of());
        assertFails(() -> a.update(missing, List.of()), ErrorKind.NOT_FOUND,
                "content digest " + Digest.fromString("x") + ": not found");
    }

    @Test
    void bytesGoAtTheNextCollectionOnceNoNamespaceOwnsThem() throws IOException {
        ContentStore a = open(MetadataConfig.SHARED);
        ContentStore b = metadata.content().in("b");
        put(a, "r", HELLO, Map.of());
        try (Writer w = b.writer("claim", 0, HELLO_DIGEST)) {
            // a root, or the collection would take it as unreferenced
            w.commit(0, null, Map.of(GcLabels.ROOT, "kept"));
        }
        a.delete(HELLO_DIGEST);
        metadata.collector().collect();
        assertThat(blobs.info(HELLO_DIGEST).size()).isEqualTo(5);
        assertFails(() -> a.delete(HELLO_DIGEST), ErrorKind.NOT_FOUND, "content digest " + HELLO_DIGEST + ": not found");
        b.delete(HELLO_DIGEST);
        assertThat(blobs.info(HELLO_DIGEST).size()).isEqualTo(5);
        metadata.collector().collect();
        assertThatThrownBy(() -> blobs.info(HELLO_DIGEST)).isInstanceOf(ErrdefsException.class);
    }

    @Test
    void aNamespaceHoldingBlobsCannotBeDeleted() throws IOException {
        ContentStore a = open(MetadataConfig.SHARED);
        put(a, "r", HELLO, Map.of());
        assertFails(() -> metadata.namespaces().delete("a"), ErrorKind.FAILED_PRECONDITION,
                "namespace \"a\" must be empty, but it still has blobs: failed precondition");
        a.delete(HELLO_DIGEST);
        metadata.namespaces().delete("a");
    }
}
