package io.jcontainerd.services.transfer.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.MediaTypes;
import io.jcontainerd.plugins.content.local.LocalContentStore;
import io.jcontainerd.plugins.metadata.Metadata;
import io.jcontainerd.plugins.metadata.MetadataConfig;
import io.jcontainerd.plugins.metadata.MetadataPlugin;
import io.jcontainerd.registry.Fetcher;
import io.jcontainerd.image.reference.ReferenceSpec;
import io.jcontainerd.services.transfer.ProgressEvent;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs from a registry into content: resume after a broken download, rejection of wrong bytes, the document size cap. */
class BlobIngestTest {
    private static final ReferenceSpec SOURCE = ReferenceSpec.parse("registry.test:5000/team/app:v1");

    @TempDir
    Path dir;
    Metadata metadata;
    ContentStore content;
    final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    final PullProgress progress = new PullProgress(events::add, "registry.test:5000/team/app:v1");

    @BeforeEach
    void open() throws Exception {
        metadata = MetadataPlugin.open(dir.resolve("meta.sqlite"), MetadataConfig.defaults(),
                new LocalContentStore(dir.resolve("content")));
        content = metadata.content().in("pulls", Optional.empty());
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    /** Serves {@code bytes} from any offset; the first {@code breakAfter} bytes served end in a broken connection. */
    private static final class FakeRegistry implements Fetcher {
        final byte[] bytes;
        final long breakAfter;
        final List<Long> offsets = new CopyOnWriteArrayList<>();

        FakeRegistry(byte[] bytes, long breakAfter) {
            this.bytes = bytes;
            this.breakAfter = breakAfter;
        }

        @Override
        public InputStream fetch(ImageDescriptor descriptor, long offset) {
            offsets.add(offset);
            return new InputStream() {
                long position = offset;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (position >= breakAfter) {
                        throw new IOException("connection reset");
                    }
                    if (position >= bytes.length) {
                        return -1;
                    }
                    int n = (int) Math.min(Math.min(len, 64 * 1024), Math.min(bytes.length, breakAfter) - position);
                    System.arraycopy(bytes, (int) position, b, off, n);
                    position += n;
                    return n;
                }
            };
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static ImageDescriptor layer(byte[] bytes) {
        return ImageDescriptor.of(MediaTypes.OCI_LAYER_GZIP, DigestAlgorithm.CANONICAL.digest(bytes), bytes.length);
    }

    @Test
    void a_broken_download_leaves_its_ingest_and_the_next_pull_resumes_from_there() throws Exception {
        byte[] bytes = random(3 << 20, 1);
        ImageDescriptor desc = layer(bytes);
        FakeRegistry broken = new FakeRegistry(bytes, 3 << 19);
        assertThatThrownBy(() -> new BlobIngest(content, broken, SOURCE, progress).blob(desc, LayerStream.none())).isInstanceOf(IOException.class);
        Status partial = content.status(RefKeys.of(desc));
        assertThat(partial.offset()).isPositive().isLessThan(bytes.length);

        FakeRegistry healthy = new FakeRegistry(bytes, Long.MAX_VALUE);
        LayerStream resumed = new LayerStream();
        new BlobIngest(content, healthy, SOURCE, progress).blob(desc, resumed);

        assertThat(healthy.offsets).containsExactly(partial.offset());
        assertThat(resumed.open()).as("a resumed download has no first bytes to hand on").isEmpty();
        assertThat(content.info(desc.digest()).labels())
                .containsEntry("containerd.io/distribution.source.registry.test", "team/app");
        assertThat(content.listStatuses(List.of())).isEmpty();
        assertThat(events).filteredOn(e -> e.name().equals(RefKeys.of(desc))).extracting(ProgressEvent::event)
                .contains("waiting", "downloading").endsWith("complete");
    }

    @Test
    void a_download_from_the_first_byte_hands_its_bytes_on_as_they_arrive() throws Exception {
        byte[] bytes = random(3 << 20, 5);
        ImageDescriptor desc = layer(bytes);
        LayerStream tee = new LayerStream();
        CompletableFuture<byte[]> handedOn = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = tee.open().orElseThrow()) {
                return in.readAllBytes();
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100); // the unpack asks first, as a pull's unpack of its lowest layer does

        new BlobIngest(content, new FakeRegistry(bytes, Long.MAX_VALUE), SOURCE, progress).blob(desc, tee);
        tee.complete();

        assertThat(handedOn.get(10, TimeUnit.SECONDS)).isEqualTo(bytes);
        assertThat(content.info(desc.digest()).size()).isEqualTo(bytes.length);
    }

    @Test
    void a_blob_in_content_is_not_handed_on() throws Exception {
        byte[] bytes = random(10_000, 6);
        ImageDescriptor desc = layer(bytes);
        new BlobIngest(content, new FakeRegistry(bytes, Long.MAX_VALUE), SOURCE, progress).blob(desc, LayerStream.none());
        LayerStream tee = new LayerStream();

        new BlobIngest(content, new FakeRegistry(bytes, Long.MAX_VALUE), SOURCE, progress).blob(desc, tee);

        assertThat(tee.open()).isEmpty();
    }

    @Test
    void bytes_that_do_not_match_the_digest_are_rejected_and_nothing_stays() throws Exception {
        byte[] bytes = random(200_000, 2);
        ImageDescriptor desc = layer(bytes);
        FakeRegistry corrupt = new FakeRegistry(random(bytes.length, 3), Long.MAX_VALUE);

        assertThatThrownBy(() -> new BlobIngest(content, corrupt, SOURCE, progress).blob(desc, LayerStream.none()))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
                    assertThat(e.getMessage()).contains("rejected " + RefKeys.of(desc), "nothing was committed");
                });
        assertThatThrownBy(() -> content.info(desc.digest())).isInstanceOfSatisfying(ErrdefsException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThat(content.listStatuses(List.of())).isEmpty();
    }

    @Test
    void a_blob_already_in_content_is_not_fetched_and_gains_the_source_label() throws Exception {
        byte[] bytes = random(10_000, 4);
        ImageDescriptor desc = layer(bytes);
        new BlobIngest(content, new FakeRegistry(bytes, Long.MAX_VALUE), ReferenceSpec.parse("registry.test/other:v1"),
                progress).blob(desc, LayerStream.none());
        FakeRegistry unused = new FakeRegistry(bytes, Long.MAX_VALUE);

        new BlobIngest(content, unused, SOURCE, progress).blob(desc, LayerStream.none());

        assertThat(unused.offsets).isEmpty();
        assertThat(content.info(desc.digest()).labels())
                .containsEntry("containerd.io/distribution.source.registry.test", "other,team/app");
        assertThat(events).extracting(ProgressEvent::event).endsWith("already exists");
    }

    @Test
    void a_second_ingest_of_a_blob_being_fetched_waits_for_the_first_and_fetches_nothing() throws Exception {
        byte[] bytes = random(1 << 20, 7);
        ImageDescriptor desc = layer(bytes);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeRegistry registry = new FakeRegistry(bytes, Long.MAX_VALUE);
        Fetcher held = (d, offset) -> new FilterInputStream(registry.fetch(d, offset)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                return super.read(b, off, len);
            }
        };
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> ingest(held, desc));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        FakeRegistry unused = new FakeRegistry(bytes, Long.MAX_VALUE);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> ingest(unused, desc));

        Thread.sleep(1_000); // twice as long as content waits for a held ref before it answers UNAVAILABLE
        assertThat(second).as("the second ingest waits while the first holds the ref").isNotDone();
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);

        assertThat(unused.offsets).isEmpty();
        assertThat(content.info(desc.digest()).size()).isEqualTo(bytes.length);
        assertThat(events).extracting(ProgressEvent::event).contains("complete", "already exists");
    }

    private void ingest(Fetcher from, ImageDescriptor desc) {
        try {
            new BlobIngest(content, from, SOURCE, progress).blob(desc, LayerStream.none());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_document_over_the_limit_is_refused_before_any_request() {
        ImageDescriptor huge = ImageDescriptor.of(MediaTypes.OCI_MANIFEST, Digest.fromString("huge"),
                BlobIngest.MAX_DOCUMENT_SIZE + 1);
        FakeRegistry registry = new FakeRegistry(new byte[0], Long.MAX_VALUE);

        assertThatThrownBy(() -> new BlobIngest(content, registry, SOURCE, progress).document(huge))
                .isInstanceOfSatisfying(ErrdefsException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED));
        assertThat(registry.offsets).isEmpty();
    }
}
