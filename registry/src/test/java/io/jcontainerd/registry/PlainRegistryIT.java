package io.jcontainerd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.ImageJson;
import io.jcontainerd.image.Manifest;
import io.jcontainerd.image.MediaTypes;
import io.jcontainerd.registry.hosts.ConfiguredHosts;
import io.jcontainerd.image.reference.ReferenceSpec;
import io.jcontainerd.registry.testing.LocalRegistry;
import io.jcontainerd.registry.testing.TestImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push, resolve and fetch against Debian's docker-registry over plain HTTP on 127.0.0.1. */
class PlainRegistryIT {
    @TempDir
    static Path dir;
    static LocalRegistry registry;
    static ConfiguredHosts hosts;
    static DockerResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs " + LocalRegistry.BINARY);
        registry = LocalRegistry.in(dir).start();
        hosts = ConfiguredHosts.builder().build();
        resolver = new DockerResolver(hosts);
    }

    @AfterAll
    static void stop() {
        if (hosts != null) {
            hosts.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    static String ref(String repositoryAndObject) {
        return registry.address() + "/" + repositoryAndObject;
    }

    /** A source that counts how often it is opened: zero means the push never read it. */
    record CountingSource(byte[] bytes, AtomicInteger opens) implements BlobSource {
        CountingSource(byte[] bytes) {
            this(bytes, new AtomicInteger());
        }

        @Override
        public InputStream open() {
            opens.incrementAndGet();
            return new ByteArrayInputStream(bytes);
        }
    }

    @Test
    void pushes_an_image_and_resolves_and_fetches_it_back() throws IOException {
        TestImage image = new TestImage(64 * 1024, 1);
        Pusher pusher = resolver.pusher(ref("plain/app:v1"));
        assertThat(pusher.push(image.layer, image.source(image.layer))).isEqualTo(PushStatus.PUSHED);
        assertThat(pusher.push(image.config, image.source(image.config))).isEqualTo(PushStatus.PUSHED);
        assertThat(pusher.pushTagged(image.manifest, image.source(image.manifest))).isEqualTo(PushStatus.PUSHED);

        Resolved byTag = resolver.resolve(ref("plain/app:v1"));
        assertThat(byTag.name()).isEqualTo(ref("plain/app:v1"));
        assertThat(byTag.descriptor()).isEqualTo(image.manifest);
        Resolved byDigest = resolver.resolve(ref("plain/app@" + image.manifest.digest()));
        assertThat(byDigest.descriptor()).isEqualTo(image.manifest);

        Fetcher fetcher = resolver.fetcher(ref("plain/app:v1"));
        Manifest manifest = ImageJson.read(fetcher.readDocument(byTag.descriptor(), 1 << 20), Manifest.class, "manifest");
        assertThat(manifest.layers()).containsExactly(image.layer);
        assertThat(fetcher.readDocument(manifest.config(), 1 << 20)).isEqualTo(image.bytes(image.config));
        try (InputStream in = fetcher.fetch(image.layer)) {
            assertThat(in.readAllBytes()).isEqualTo(image.bytes(image.layer));
        }
    }

    @Test
    void a_fetch_can_start_at_an_offset() throws IOException {
        TestImage image = new TestImage(20_000, 2);
        image.pushTo(resolver, ref("plain/range:v1"));
        Fetcher fetcher = resolver.fetcher(ref("plain/range:v1"));
        byte[] all = image.bytes(image.layer);
        try (InputStream in = fetcher.fetch(image.layer, 12_345)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(all, 12_345, all.length));
        }
        try (InputStream in = fetcher.fetch(image.layer, all.length)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void content_the_registry_has_is_not_uploaded_again() {
        TestImage image = new TestImage(4096, 3);
        image.pushTo(resolver, ref("plain/skip:v1"));
        Pusher pusher = resolver.pusher(ref("plain/skip:v1"));
        CountingSource layer = new CountingSource(image.bytes(image.layer));
        CountingSource manifest = new CountingSource(image.bytes(image.manifest));
        assertThat(pusher.push(image.layer, layer)).isEqualTo(PushStatus.EXISTS);
        assertThat(pusher.pushTagged(image.manifest, manifest)).isEqualTo(PushStatus.EXISTS);
        assertThat(layer.opens()).hasValue(0);
        assertThat(manifest.opens()).hasValue(0);
        // the same manifest under a new tag is pushed: the tag does not point at it yet
        assertThat(resolver.pusher(ref("plain/skip:v2")).pushTagged(image.manifest, manifest)).isEqualTo(PushStatus.PUSHED);
        assertThat(resolver.resolve(ref("plain/skip:v2")).descriptor().digest()).isEqualTo(image.manifest.digest());
    }

    @Test
    void a_blob_from_another_repository_is_mounted_not_uploaded() throws IOException {
        TestImage image = new TestImage(8192, 4);
        image.pushTo(resolver, ref("plain/source:v1"));
        ReferenceSpec target = ReferenceSpec.parse(ref("plain/target:v1"));
        assertThat(DistributionSource.labelKey(target)).isEqualTo("containerd.io/distribution.source.127.0.0.1");
        ImageDescriptor annotated = image.layer.withAnnotations(Map.of(DistributionSource.labelKey(target), "other/repo,plain/source"));
        CountingSource source = new CountingSource(image.bytes(image.layer));
        assertThat(resolver.pusher(target.toString()).push(annotated, source)).isEqualTo(PushStatus.MOUNTED);
        assertThat(source.opens()).hasValue(0);
        try (InputStream in = resolver.fetcher(target.toString()).fetch(image.layer)) {
            assertThat(in.readAllBytes()).isEqualTo(image.bytes(image.layer));
        }
    }

    @Test
    void large_blobs_go_up_in_chunks_when_asked() throws IOException {
        TestImage image = new TestImage(100_000, 5);
        DockerResolver chunked = new DockerResolver(hosts, ResolverOptions.defaults().withChunkSize(16 * 1024));
        image.pushTo(chunked, ref("plain/chunked:v1"));
        try (InputStream in = resolver.fetcher(ref("plain/chunked:v1")).fetch(image.layer)) {
            assertThat(in.readAllBytes()).isEqualTo(image.bytes(image.layer));
        }
        assertThat(resolver.resolve(ref("plain/chunked:v1")).descriptor()).isEqualTo(image.manifest);
    }

    @Test
    void what_is_missing_is_not_found() {
        TestImage image = new TestImage(1024, 6);
        image.pushTo(resolver, ref("plain/missing:v1"));
        assertThatThrownBy(() -> resolver.resolve(ref("plain/missing:nope")))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessage(ref("plain/missing:nope") + ": not found");
        ImageDescriptor absent = ImageDescriptor.of(MediaTypes.OCI_LAYER_GZIP,
                Digest.parse("sha256:" + "0".repeat(64)), 10);
        assertThatThrownBy(() -> resolver.fetcher(ref("plain/missing:v1")).fetch(absent))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("could not fetch content descriptor sha256:000");
        assertThatThrownBy(() -> resolver.resolve(ref("plain/missing")))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("object required");
    }

    @Test
    void the_registrys_error_body_reaches_the_caller() {
        TestImage image = new TestImage(1024, 7);
        assertThatThrownBy(() -> resolver.pusher(ref("plain/orphan:v1")).pushTagged(image.manifest, image.source(image.manifest)))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNKNOWN))
                .hasMessageContaining("400 Bad Request")
                .hasMessageContaining("manifest blob unknown");
    }

    @Test
    void a_mirror_serves_while_the_upstream_name_does_not_resolve(@TempDir Path hostsDir) throws Exception {
        TestImage image = new TestImage(4096, 8);
        image.pushTo(resolver, ref("mirrored/app:v1"));
        int dead = LocalRegistry.freePort();
        Path folder = Files.createDirectories(hostsDir.resolve("registry.invalid"));
        Files.writeString(folder.resolve("hosts.toml"), """
                server = "https://registry.invalid"

                [host."http://127.0.0.1:%d"]
                  capabilities = ["pull", "resolve"]

                [host."http://%s"]
                  capabilities = ["pull", "resolve"]
                """.formatted(dead, registry.address()));
        try (ConfiguredHosts mirrored = ConfiguredHosts.builder().hostsDirectory(hostsDir).build()) {
            DockerResolver viaMirror = new DockerResolver(mirrored);
            // the first mirror refuses connections: resolve falls through to the second, never to the upstream
            assertThat(viaMirror.resolve("registry.invalid/mirrored/app:v1").descriptor()).isEqualTo(image.manifest);
            Fetcher fetcher = viaMirror.fetcher("registry.invalid/mirrored/app:v1");
            try (InputStream in = fetcher.fetch(image.layer)) {
                assertThat(in.readAllBytes()).isEqualTo(image.bytes(image.layer));
            }
            assertThat(mirrored.hosts("registry.invalid")).extracting(h -> h.host())
                    .containsExactly("127.0.0.1:" + dead, registry.address(), "registry.invalid");
        }
    }

    @Test
    void a_push_needs_an_endpoint_that_may_push(@TempDir Path hostsDir) throws Exception {
        Path folder = Files.createDirectories(hostsDir.resolve("readonly.invalid"));
        Files.writeString(folder.resolve("hosts.toml"), """
                [host."http://%s"]
                  capabilities = ["pull", "resolve"]
                """.formatted(registry.address()));
        try (ConfiguredHosts readOnly = ConfiguredHosts.builder().hostsDirectory(hostsDir).build()) {
            // the namespace itself stays the last endpoint, with every capability, as upstream; a file
            // with only mirrors and a server that may not push leaves none
            Files.writeString(folder.resolve("hosts.toml"), "server = \"http://%s\"\ncapabilities = [\"pull\"]\n"
                    .formatted(registry.address()));
            TestImage image = new TestImage(100, 9);
            assertThatThrownBy(() -> new DockerResolver(readOnly).pusher("readonly.invalid/x:v1").push(image.layer, image.source(image.layer)))
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                    .hasMessage("no push hosts: not found");
        }
    }
}
