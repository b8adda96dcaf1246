package io.jcontainerd.it.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import containerd.types.transfer.Imagestore.ImageStore;
import containerd.types.transfer.Registry.AuthResponse;
import containerd.types.transfer.Registry.AuthType;
import containerd.types.transfer.Registry.RegistryResolver;
import containerd.types.transfer.Registry.OCIRegistry;
import io.jcontainerd.client.ClientOptions;
import io.jcontainerd.client.ClientStream;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.PullOptions;
import io.jcontainerd.client.TransferProgress;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import io.jcontainerd.it.support.ThrottlingProxy;
import io.jcontainerd.registry.testing.Bcrypt;
import io.jcontainerd.registry.testing.LocalRegistry;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pulls through the daemon: a two-layer image pushed by skopeo to a real registry is pulled,
 * unpacked and seen by Debian's ctr; a registry serving corrupt layer bytes fails the pull with
 * nothing committed; registry hosts come from the daemon's {@code config_path} or the request's
 * hosts directory (a mirror serving a name that does not resolve).
 */
class TransferPullIT extends RegistryDaemonBase {
    private static final String MIRRORED = "mirror.invalid";

    static Path layout;
    static String image;

    @BeforeAll
    static void start() throws Exception {
        requireRegistryAndSkopeo("jcd-transfer-");
        registry = LocalRegistry.in(Files.createDirectories(work.resolve("registry"))).start();
        layout = work.resolve("layout");
        TestImages.ociLayout(layout, "v1", List.of(Map.of("etc/app.conf", "hello from layer one\n"),
                Map.of("usr/share/app/data.txt", "layer two\n")));
        image = registry.address() + "/test/app:v1";
        TestImages.skopeoPush(layout, "v1", image);
        Path configPath = Files.createDirectories(work.resolve("certs.d"));
        writeMirror(configPath, MIRRORED);
        startDaemon("""
                config_path = "%s"
                """.formatted(configPath));
    }

    /** hosts.toml for {@code name}: its own server does not resolve, the local registry mirrors it. */
    private static void writeMirror(Path root, String name) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("hosts.toml"), """
                server = "https://%s"

                [host."http://%s"]
                  capabilities = ["pull", "resolve"]
                """.formatted(name, registry.address()));
    }

    private static ContainerdClient client(String namespace) {
        return ContainerdClient.connect(home.socket().toString(), ClientOptions.defaults().withNamespace(namespace));
    }

    private static List<TransferProgress> pull(String namespace, String reference, PullOptions options)
            throws InterruptedException {
        List<TransferProgress> events = new CopyOnWriteArrayList<>();
        try (ContainerdClient client = client(namespace)) {
            client.transfer().pull(reference, options, events::add);
        }
        return events;
    }

    private static JsonNode layoutManifest() throws IOException {
        return manifestOf(layout);
    }

    private static JsonNode manifestOf(Path layout) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode index = json.readTree(layout.resolve("index.json").toFile());
        String digest = index.get("manifests").get(0).get("digest").asText();
        return json.readTree(layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())).toFile());
    }

    @Test
    void pull_over_plain_http_unpacks_an_image_ctr_lists_and_mounts() throws Exception {
        List<TransferProgress> events = pull("pulled", image, PullOptions.defaults().withPlainHttp(true));

        assertThat(home.ctr("-n", "pulled", "images", "ls", "-q").stdout()).isEqualTo(image + "\n");
        Path mountpoint = Files.createDirectories(work.resolve("mnt"));
        ProcessResult mounted = home.ctr("-n", "pulled", "images", "mount", image, mountpoint.toString());
        try {
            assertThat(mounted.exitCode()).as(mounted.toString()).isZero();
            assertThat(Files.readString(mountpoint.resolve("etc/app.conf"))).isEqualTo("hello from layer one\n");
            assertThat(Files.readString(mountpoint.resolve("usr/share/app/data.txt"))).isEqualTo("layer two\n");
        } finally {
            assertThat(home.ctr("-n", "pulled", "images", "unmount", "--rm", mountpoint.toString()).exitCode()).isZero();
        }
        assertThat(home.ctr("-n", "pulled", "images", "check").stdout()).contains("complete (3/3)"); // config and layers
        assertThat(home.ctr("-n", "pulled", "leases", "ls", "-q").stdout()).as("the pull's lease, deleted").isEmpty();

        JsonNode manifest = layoutManifest();
        List<String> layers = manifest.get("layers").findValuesAsText("digest");
        String config = manifest.get("config").get("digest").asText();
        assertThat(events).extracting(TransferProgress::event)
                .startsWith("Resolving from OCI Registry (" + image + ")", "Pulling from OCI Registry (" + image + ")",
                        "fetching image content")
                .contains("waiting", "complete", "extracting", "extracted", "saved")
                .endsWith("Completed pull from OCI Registry (" + image + ")");
        for (String layer : layers) {
            assertThat(events).filteredOn(e -> e.name().equals("layer-" + layer)).extracting(TransferProgress::event)
                    .containsSubsequence("waiting", "complete", "extracting", "extracted");
        }
        assertThat(events).filteredOn(e -> e.event().equals("saved")).singleElement()
                .satisfies(e -> assertThat(e.name()).isEqualTo(image));

        try (ContainerdClient client = client("pulled")) {
            Map<String, String> layerLabels = client.content().info(Digest.parse(layers.getFirst())).labels();
            assertThat(layerLabels).containsEntry("containerd.io/distribution.source.127.0.0.1", "test/app")
                    .containsKey("containerd.io/uncompressed");
            assertThat(client.content().info(Digest.parse(config)).labels())
                    .containsKey("containerd.io/gc.ref.snapshot.overlayfs");
            String manifestDigest = client.images().get(image).target().digest().toString();
            assertThat(client.content().info(Digest.parse(manifestDigest)).labels())
                    .containsEntry("containerd.io/gc.ref.content.config", config)
                    .containsEntry("containerd.io/gc.ref.content.l.0", layers.get(0))
                    .containsEntry("containerd.io/gc.ref.content.l.1", layers.get(1));
            Path blobs = home.root().resolve("io.containerd.content.v1.content/blobs/sha256");
            assertThat(inPageCache(blobs.resolve(manifestDigest.substring("sha256:".length()))))
                    .as("the manifest, read again by every unpack").isTrue();
            for (String layer : layers) {
                assertThat(inPageCache(blobs.resolve(layer.substring("sha256:".length()))))
                        .as("layer blob %s once unpacked", layer).isFalse();
            }
        }
    }

    /** Whether all of {@code file} is in the page cache: mincore(2) on a mapping that touches no page. */
    private static boolean inPageCache(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena).isLoaded();
        }
    }

    @Test
    void a_second_pull_finds_everything_there_and_keeps_the_image() throws Exception {
        pull("again", image, PullOptions.defaults());
        List<TransferProgress> second = pull("again", image, PullOptions.defaults());

        assertThat(second).filteredOn(e -> e.name().startsWith("layer-")).extracting(TransferProgress::event)
                .contains("already exists").doesNotContain("downloading", "complete");
        assertThat(home.ctr("-n", "again", "images", "ls", "-q").stdout()).isEqualTo(image + "\n");
        assertThat(home.ctr("-n", "again", "snapshots", "ls").stdout().lines().count()).isEqualTo(3); // header + 2 layers
    }

    @Test
    void corrupt_layer_bytes_fail_the_pull_and_nothing_is_committed() throws Exception {
        String reference = registry.address() + "/test/corrupt:v1";
        String layer = pushCorruptImage(reference);

        assertThatThrownBy(() -> pull("corrupt", reference, PullOptions.defaults()))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION);
                    assertThat(e.getMessage()).contains("rejected layer-" + layer, "nothing was committed");
                });
        assertThat(home.ctr("-n", "corrupt", "content", "ls", "-q").stdout()).doesNotContain(layer);
        assertThat(home.ctr("-n", "corrupt", "content", "active").stdout()).doesNotContain(layer);
        assertThat(home.ctr("-n", "corrupt", "images", "ls", "-q").stdout()).isEmpty();
        assertThat(home.ctr("-n", "corrupt", "snapshots", "ls").stdout().lines().count()).isEqualTo(1); // header only
    }

    /** Like ctr 2.x, jctr takes no lease of its own for a daemon's pull: the transfer's own keeps what it fetched. */
    @Test
    void a_failed_jctr_pull_leaves_the_daemons_retry_lease_and_none_of_its_own() throws Exception {
        String reference = registry.address() + "/test/corrupt-jctr:v1";
        String layer = pushCorruptImage(reference);

        ProcessResult pulled = home.jctr("-n", "jctr-failed", "images", "pull", "--plain-http", reference);

        assertThat(pulled.exitCode()).isEqualTo(1);
        assertThat(pulled.stderr()).contains("rejected layer-" + layer);
        try (ContainerdClient client = client("jctr-failed")) {
            assertThat(client.leases().list(List.of())).singleElement()
                    .satisfies(lease -> assertThat(lease.labels()).containsEntry("jcontainerd.io/failed-pull", reference));
        }
    }

    /** Pushes a one-layer image whose layer the registry then serves with other bytes; {@return that layer's digest} */
    private String pushCorruptImage(String reference) throws Exception {
        Path corruptLayout = Files.createTempDirectory(work, "corrupt-layout");
        TestImages.ociLayout(corruptLayout, "v1",
                List.of(Map.of("bad.txt", "bytes the registry replaces, of " + reference + "\n")));
        TestImages.skopeoPush(corruptLayout, "v1", reference);
        JsonNode manifest = new ObjectMapper().readTree(corruptLayout.resolve("blobs/sha256").resolve(
                new ObjectMapper().readTree(corruptLayout.resolve("index.json").toFile())
                        .get("manifests").get(0).get("digest").asText().substring("sha256:".length())).toFile());
        String layer = manifest.get("layers").get(0).get("digest").asText();
        String hex = layer.substring("sha256:".length());
        Path stored = work.resolve("registry/storage/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2))
                .resolve(hex).resolve("data");
        Files.write(stored, new byte[(int) Files.size(stored)]); // same size, other bytes
        return layer;
    }

    @Test
    void the_daemons_config_path_mirror_serves_a_name_that_does_not_resolve() throws Exception {
        String reference = MIRRORED + "/test/app:v1";
        pull("mirrored", reference, PullOptions.defaults());
        assertThat(home.ctr("-n", "mirrored", "images", "ls", "-q").stdout()).isEqualTo(reference + "\n");
    }

    @Test
    void a_hosts_directory_in_the_request_overrides_the_daemons() throws Exception {
        Path hosts = Files.createDirectories(work.resolve("request-hosts"));
        writeMirror(hosts, "elsewhere.invalid");
        String reference = "elsewhere.invalid/test/app:v1";
        pull("requested", reference, PullOptions.defaults().withHostDir(hosts.toString()).withUnpack(false, ""));
        assertThat(home.ctr("-n", "requested", "images", "ls", "-q").stdout()).isEqualTo(reference + "\n");
        assertThat(home.ctr("-n", "requested", "snapshots", "ls").stdout().lines().count()).isEqualTo(1);
    }

    @Test
    void unknown_pairs_are_unimplemented_and_stream_names_are_unique() throws Exception {
        try (ContainerdClient client = client("api")) {
            assertThatThrownBy(() -> client.transfer().transfer(OCIRegistry.newBuilder().setReference("x").build(),
                    OCIRegistry.newBuilder().setReference("y").build(), e -> { }))
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_IMPLEMENTED);
                        assertThat(e.getMessage()).contains("method Transfer not implemented for "
                                + "containerd.types.transfer.OCIRegistry to containerd.types.transfer.OCIRegistry");
                    });
            try (ClientStream first = client.streaming().open("same-name")) {
                assertThatThrownBy(() -> client.streaming().open("same-name"))
                        .isInstanceOfSatisfying(ErrdefsException.class,
                                e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS));
            }
        }
    }

    /**
     * Two pulls of one image at once, its layer slowed to take seconds: the second waits for the
     * blob the first is fetching instead of failing on its ingest lock, and the layer is fetched once.
     */
    @Test
    void two_pulls_of_one_image_at_once_both_succeed_and_fetch_its_layer_once() throws Exception {
        Path sharedLayout = pushNoiseImage("shared", 3 << 20, 11);
        try (ThrottlingProxy proxy = ThrottlingProxy.start(registry.port(), 2 << 20)) {
            String reference = proxy.address() + "/test/shared:v1";
            List<List<TransferProgress>> done = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<List<TransferProgress>>> pulls = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    pulls.add(threads.submit(() -> pull("shared", reference, PullOptions.defaults())));
                }
                for (Future<List<TransferProgress>> pull : pulls) {
                    done.add(pull.get(2, TimeUnit.MINUTES));
                }
            }

            String layer = manifestOf(sharedLayout).get("layers").get(0).get("digest").asText();
            assertThat(proxy.requests()).filteredOn(r -> r.equals("GET /v2/test/shared/blobs/" + layer)).hasSize(1);
            assertThat(done).allSatisfy(events -> assertThat(events).extracting(TransferProgress::event)
                    .last().isEqualTo("Completed pull from OCI Registry (" + reference + ")"));
            assertThat(home.ctr("-n", "shared", "images", "check").stdout()).contains("complete (2/2)");
            assertThat(home.ctr("-n", "shared", "content", "active").stdout().lines().count()).isEqualTo(1);
        }
    }

    /**
     * A client that goes away mid-pull takes the pull with it: the daemon stops downloading, creates
     * no image, and keeps what it fetched, which the next pull resumes from.
     */
    @Test
    void a_pull_whose_client_goes_away_stops_downloading() throws Exception {
        pushNoiseImage("slow", 3 << 20, 13);
        try (ThrottlingProxy proxy = ThrottlingProxy.start(registry.port(), 256 << 10);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            String reference = proxy.address() + "/test/slow:v1";
            CountDownLatch downloading = new CountDownLatch(1);
            ContainerdClient client = client("gone");
            // past two of content's 256 KiB writes
            Future<?> pull = pullInBackground(threads, client, reference, (512 << 10) - 1, downloading);
            assertThat(downloading.await(1, TimeUnit.MINUTES)).isTrue();

            client.close(); // the client goes away: its calls are cancelled
            assertThatThrownBy(() -> pull.get(1, TimeUnit.MINUTES)).isInstanceOf(ExecutionException.class);

            try (ContainerdClient observer = client("gone")) {
                // content takes the download 256 KiB at a time, a write a second at the throttled rate:
                // the ingest is still when two looks 1.5 s apart agree, or when a download completed
                long before;
                long after = activeBytes(observer);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                do {
                    before = after;
                    Thread.sleep(1_500);
                    after = activeBytes(observer);
                } while (after != before && System.nanoTime() < deadline);
                assertThat(after).as("what the cancelled pull fetched, kept for the next").isPositive();
                assertThat(observer.images().list(List.of())).isEmpty();
            }
            pull("gone", reference, PullOptions.defaults());
            assertThat(proxy.rangeStarts()).as("the next pull resumed where the cancelled one stopped")
                    .anyMatch(start -> start > 0);
        }
    }

    /**
     * Pushes {@code test/<name>:v1}: one layer of {@code bytes} random bytes written as hex, which
     * compresses to a little over {@code bytes}; {@return its OCI layout}
     */
    private static Path pushNoiseImage(String name, int bytes, long seed) throws IOException {
        Path layout = work.resolve(name + "-layout");
        byte[] noise = new byte[bytes];
        new Random(seed).nextBytes(noise);
        TestImages.ociLayout(layout, "v1", List.of(Map.of(name + ".hex", HexFormat.of().formatHex(noise))));
        TestImages.skopeoPush(layout, "v1", registry.address() + "/test/" + name + ":v1");
        return layout;
    }

    private static long activeBytes(ContainerdClient client) {
        return client.content().listStatuses(List.of()).stream().mapToLong(Status::offset).sum();
    }

    /** Starts a pull on {@code threads}; {@code downloading} counts down once a layer's download passed {@code bytes}. */
    private static Future<?> pullInBackground(ExecutorService threads, ContainerdClient client, String reference,
                                              long bytes, CountDownLatch downloading) {
        return threads.submit(() -> {
            client.transfer().pull(reference, PullOptions.defaults(), event -> {
                if (event.event().equals("downloading") && event.progress() > bytes) {
                    downloading.countDown();
                }
            });
            return null;
        });
    }

    @Test
    void a_pull_cut_off_by_a_daemon_crash_leaves_no_half_applied_snapshot_and_resumes_after_the_restart()
            throws Exception {
        pushNoiseImage("crash", 6 << 20, 17);
        try (ThrottlingProxy proxy = ThrottlingProxy.start(registry.port(), 2 << 20);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            String reference = proxy.address() + "/test/crash:v1";
            CountDownLatch downloading = new CountDownLatch(1);
            ContainerdClient cutClient = client("crashed");
            Future<?> cut = pullInBackground(threads, cutClient, reference, 1 << 20, downloading);
            assertThat(downloading.await(30, TimeUnit.SECONDS)).as("the download got going").isTrue();
            awaitActiveSnapshot("crashed"); // the layer is applied as it downloads: its snapshot is half filled
            crashAndRestartDaemon();
            assertThatThrownBy(cut::get).isInstanceOf(ExecutionException.class);
            cutClient.close();

            assertThat(home.ctr("-n", "crashed", "snapshots", "ls").stdout()).as("the half-applied snapshot")
                    .doesNotContain("Active");
            assertThat(home.root().resolve("tmpmounts")).as("the apply's temporary mount").isEmptyDirectory();
            try (ContainerdClient client = client("crashed")) {
                assertThat(client.leases().list(List.of())).singleElement().satisfies(lease -> assertThat(lease.labels())
                        .containsEntry("jcontainerd.io/failed-pull", reference)
                        .doesNotContainKey("jcontainerd.io/pull"));
            }
            assertThat(home.ctr("-n", "crashed", "content", "active").stdout()).as("the cut download's ingest")
                    .contains("layer-sha256:");

            pull("crashed", reference, PullOptions.defaults());

            assertThat(proxy.rangeStarts()).as("the layer was asked for from where the cut pull stopped")
                    .anyMatch(start -> start > (1 << 20));
            assertThat(home.ctr("-n", "crashed", "images", "check").stdout()).contains("complete (2/2)");
            assertThat(home.ctr("-n", "crashed", "snapshots", "ls").stdout().lines())
                    .hasSize(2).last().asString().contains("Committed");
            assertThat(home.ctr("-n", "crashed", "leases", "ls", "-q").stdout()).isEmpty();
        }
    }

    @Test
    void after_the_registry_is_killed_mid_download_and_restarted_the_next_pull_resumes() throws Exception {
        pushNoiseImage("big", 6 << 20, 7);
        try (ThrottlingProxy proxy = ThrottlingProxy.start(registry.port(), 2 << 20)) {
            String reference = proxy.address() + "/test/big:v1";
            AtomicBoolean killed = new AtomicBoolean();
            try (ContainerdClient client = client("resumed")) {
                assertThatThrownBy(() -> client.transfer().pull(reference, PullOptions.defaults(), event -> {
                    if (event.event().equals("downloading") && event.progress() > (1 << 20) && !killed.getAndSet(true)) {
                        registry.close(); // by PID, mid-download
                        proxy.dropConnections(); // and what it had sent is lost with it
                    }
                })).isInstanceOf(ErrdefsException.class);
            }
            assertThat(killed).isTrue();
            assertThat(home.ctr("-n", "resumed", "images", "ls", "-q").stdout()).isEmpty();
            assertThat(home.ctr("-n", "resumed", "content", "active").stdout()).as("the interrupted download's ingest")
                    .contains("layer-sha256:");
            try (ContainerdClient client = client("resumed")) {
                // what the failed pull fetched is kept for a retry, for an hour rather than the pull lease's 24 h
                assertThat(client.leases().list(List.of())).singleElement().satisfies(lease -> {
                    assertThat(lease.labels()).containsEntry("jcontainerd.io/failed-pull", reference);
                    assertThat(OffsetDateTime.parse(lease.labels().get("containerd.io/gc.expire")))
                            .isBetween(OffsetDateTime.now().plusMinutes(55), OffsetDateTime.now().plusMinutes(61));
                });
            }
            // a collection now (deleting a lease of our own with --sync waits for one) keeps what that lease holds
            assertThat(home.ctr("-n", "resumed", "leases", "create", "--id", "collect-now").exitCode()).isZero();
            assertThat(home.ctr("-n", "resumed", "leases", "delete", "--sync", "collect-now").exitCode()).isZero();
            assertThat(home.ctr("-n", "resumed", "content", "active").stdout()).contains("layer-sha256:");
            registry = registry.restart();

            pull("resumed", reference, PullOptions.defaults());

            assertThat(proxy.rangeStarts()).as("the layer was asked for from where the first pull stopped")
                    .anyMatch(start -> start > (1 << 20));
            assertThat(home.ctr("-n", "resumed", "images", "check").stdout()).contains("complete (2/2)");
            assertThat(home.ctr("-n", "resumed", "content", "active").stdout().lines().count()).isEqualTo(1);
            assertThat(home.ctr("-n", "resumed", "leases", "ls", "-q").stdout()).as("the retry's and the failure's, deleted")
                    .isEmpty();
        }
    }

    @Test
    void credentials_are_asked_of_the_client_on_its_auth_stream() throws Exception {
        Path authDir = Files.createDirectories(work.resolve("auth-registry"));
        Path htpasswd = Files.writeString(authDir.resolve("htpasswd"), "alice:" + Bcrypt.hash("s3cret", 5) + "\n");
        try (LocalRegistry guarded = LocalRegistry.in(authDir).htpasswd(htpasswd).start()) {
            String reference = guarded.address() + "/test/app:v1";
            TestImages.skopeoPush(layout, "v1", reference, "alice:s3cret");
            List<String> asked = new CopyOnWriteArrayList<>();

            pull("authenticated", reference, PullOptions.defaults().withCredentials(host -> {
                asked.add(host);
                return Optional.of(new PullOptions.Login("alice", "s3cret"));
            }));

            assertThat(asked).isNotEmpty().allMatch(host -> host.equals(guarded.address()));
            assertThat(home.ctr("-n", "authenticated", "images", "ls", "-q").stdout()).isEqualTo(reference + "\n");
            assertThatThrownBy(() -> pull("refused", reference, PullOptions.defaults()
                    .withCredentials(host -> Optional.of(new PullOptions.Login("alice", "wrong")))))
                    .isInstanceOfSatisfying(ErrdefsException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED));
            assertThat(home.ctr("-n", "refused", "images", "ls", "-q").stdout()).isEmpty();
        }
    }

    @Test
    void a_header_answer_on_the_auth_stream_is_sent_as_the_authorization() throws Exception {
        Path authDir = Files.createDirectories(work.resolve("header-registry"));
        Path htpasswd = Files.writeString(authDir.resolve("htpasswd"), "alice:" + Bcrypt.hash("s3cret", 5) + "\n");
        try (LocalRegistry guarded = LocalRegistry.in(authDir).htpasswd(htpasswd).start();
             ContainerdClient client = client("header")) {
            String reference = guarded.address() + "/test/app:v1";
            TestImages.skopeoPush(layout, "v1", reference, "alice:s3cret");
            String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
            try (ClientStream auth = client.streaming().open("header-auth")) {
                // what a containerd 2.x client holding a ready Authorization value answers
                Thread answering = Thread.ofVirtual().start(() -> {
                    try {
                        while (auth.receive().isPresent()) {
                            auth.send(AuthResponse.newBuilder().setAuthType(AuthType.HEADER).setSecret(basic).build());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                client.transfer().transfer(OCIRegistry.newBuilder().setReference(reference)
                                .setResolver(RegistryResolver.newBuilder().setAuthStream(auth.id()).setDefaultScheme("http")).build(),
                        ImageStore.newBuilder().setName(reference).build(), e -> { });
                answering.join();
            }
            assertThat(home.ctr("-n", "header", "images", "ls", "-q").stdout()).isEqualTo(reference + "\n");
        }
    }
}
