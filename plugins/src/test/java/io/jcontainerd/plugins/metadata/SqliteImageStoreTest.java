package io.jcontainerd.plugins.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.images.ImageStore;
import io.jcontainerd.plugins.content.local.LocalContentStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image store on SQLite: containerd's validation, update field paths, filters, and images as GC roots. */
class SqliteImageStoreTest {
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final Digest TARGET = Digest.fromString("manifest");

    @TempDir
    Path dir;
    Metadata metadata;
    ImageStore images;

    @BeforeEach
    void open() throws IOException {
        metadata = MetadataPlugin.open(dir.resolve("meta.sqlite"), MetadataConfig.defaults(),
                new LocalContentStore(dir.resolve("content")));
        images = metadata.images().in("a");
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    private static Image image(String name, Map<String, String> labels) {
        return Image.of(name, new Descriptor(MANIFEST, TARGET, 8, Map.of("org.opencontainers.image.ref.name", "1")), labels);
    }

    private static void assertFails(ThrowingCallable call, ErrorKind kind, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }

    @Test
    void createGetListDelete() {
        Image created = images.create(image("docker.io/library/b:1", Map.of("k", "v", "empty", "")));
        images.create(image("docker.io/library/a:1", Map.of()));
        assertThat(created.createdAt()).isEqualTo(created.updatedAt()).isNotNull();
        assertThat(created.labels()).containsExactly(Map.entry("k", "v"));
        assertThat(images.get("docker.io/library/b:1")).isEqualTo(created);
        assertThat(images.list(List.of())).extracting(Image::name)
                .containsExactly("docker.io/library/a:1", "docker.io/library/b:1");
        assertThat(metadata.images().in("other").list(List.of())).isEmpty();

        assertFails(() -> images.create(image("docker.io/library/a:1", Map.of())), ErrorKind.ALREADY_EXISTS,
                "image \"docker.io/library/a:1\": already exists");
        images.delete("docker.io/library/a:1");
        assertFails(() -> images.get("docker.io/library/a:1"), ErrorKind.NOT_FOUND,
                "image \"docker.io/library/a:1\": not found");
        assertFails(() -> images.delete("docker.io/library/a:1"), ErrorKind.NOT_FOUND,
                "image \"docker.io/library/a:1\": not found");
    }

    @Test
    void listFiltersOnNameTargetLabelsAndAnnotations() {
        images.create(image("x:1", Map.of("team", "infra")));
        images.create(Image.of("y:1", Descriptor.of("application/vnd.oci.image.index.v1+json", Digest.fromString("i"), 3),
                Map.of()));
        assertThat(images.list(List.of("labels.team==infra"))).extracting(Image::name).containsExactly("x:1");
        assertThat(images.list(List.of("target.mediatype~=index"))).extracting(Image::name).containsExactly("y:1");
        assertThat(images.list(List.of("name==x:1", "name==y:1"))).hasSize(2);
        assertThat(images.list(List.of("annotations.\"org.opencontainers.image.ref.name\"==1")))
                .extracting(Image::name).containsExactly("x:1");
        assertThat(images.list(List.of("target.digest==" + TARGET))).extracting(Image::name).containsExactly("x:1");
        assertFails(() -> images.list(List.of("name==")), ErrorKind.INVALID_ARGUMENT,
                "filters: parse error: [name==]: expected value or quoted: invalid argument: invalid argument");
    }

    @Test
    void validationIsUpstreams() {
        assertFails(() -> images.create(image("", Map.of())), ErrorKind.INVALID_ARGUMENT, "image name must not be empty: invalid argument");
        assertFails(() -> images.create(Image.of("n", Descriptor.of(MANIFEST, TARGET, 0), Map.of())),
                ErrorKind.INVALID_ARGUMENT, "Target.Size must be greater than zero: invalid argument");
        assertFails(() -> images.create(Image.of("n", Descriptor.of("", TARGET, 1), Map.of())),
                ErrorKind.INVALID_ARGUMENT, "Target.MediaType must be set: invalid argument");
        assertFails(() -> images.create(Image.of("n", null, Map.of())),
                ErrorKind.INVALID_ARGUMENT, "Target.Digest \"\" invalid: invalid checksum digest format: invalid argument");
        assertThatThrownBy(() -> images.create(image("n", Map.of("k", "v".repeat(5000)))))
                .hasMessageStartingWith("image.Labels: ");
    }

    @Test
    void updateFollowsFieldPaths() {
        Image created = images.create(image("n", Map.of("keep", "1", "drop", "2")));
        Image request = Image.of("n", Descriptor.of(MANIFEST, Digest.fromString("other"), 9), Map.of("new", "3"));

        Image labelsOnly = images.update(request, List.of("labels.new", "labels.drop"));
        assertThat(labelsOnly.labels()).containsOnly(Map.entry("keep", "1"), Map.entry("new", "3"));
        assertThat(labelsOnly.target()).isEqualTo(created.target());
        assertThat(labelsOnly.createdAt()).isEqualTo(created.createdAt());

        Image target = images.update(request, List.of("target"));
        assertThat(target.target().digest()).isEqualTo(Digest.fromString("other"));
        assertThat(target.target().annotations()).isEmpty();

        Image whole = images.update(image("n", Map.of()), List.of());
        assertThat(whole.labels()).isEmpty();
        assertThat(whole.target().annotations()).containsKey("org.opencontainers.image.ref.name");
        assertThat(images.get("n")).isEqualTo(whole);

        assertFails(() -> images.update(request, List.of("name")), ErrorKind.INVALID_ARGUMENT,
                "cannot update \"name\" field on image \"n\": invalid argument");
        assertFails(() -> images.update(image("absent", Map.of()), List.of()), ErrorKind.NOT_FOUND,
                "image \"absent\": not found");
        assertFails(() -> images.update(image("", Map.of()), List.of()), ErrorKind.INVALID_ARGUMENT,
                "image name is required for update: invalid argument");
    }

    @Test
    void aNamespaceHoldingImagesCannotBeDeleted() {
        images.create(image("n", Map.of()));
        assertFails(() -> metadata.namespaces().delete("a"), ErrorKind.FAILED_PRECONDITION,
                "namespace \"a\" must be empty, but it still has images: failed precondition");
    }

    @Test
    void anImageKeepsItsTargetAndWhatItsLabelsReferenceUntilDeleted() throws IOException {
        ContentStore content = metadata.content().in("a");
        Digest manifest = put(content, "manifest");
        Digest pinned = put(content, "pinned");
        images.create(Image.of("n", Descriptor.of(MANIFEST, manifest, 8),
                Map.of(GcLabels.CONTENT_REF + ".p", pinned.toString())));
        metadata.collector().collect();
        assertThat(content.info(manifest)).isNotNull();
        assertThat(content.info(pinned)).isNotNull();

        images.delete("n");
        metadata.collector().collect();
        assertThatThrownBy(() -> content.info(manifest)).isInstanceOf(ErrdefsException.class);
        assertThatThrownBy(() -> content.info(pinned)).isInstanceOf(ErrdefsException.class);
    }

    private static Digest put(ContentStore store, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        try (Writer w = store.writer(text, data.length, null)) {
            w.write(ByteBuffer.wrap(data));
            w.commit(data.length, null, Map.of());
            return w.digest();
        }
    }
}
