package io.jcontainerd.it.transfer;

import static io.jcontainerd.it.transfer.RegistryPullChecks.assertPulled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.client.ClientOptions;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.PullOptions;
import io.jcontainerd.client.TransferProgress;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import io.jcontainerd.registry.testing.Bcrypt;
import io.jcontainerd.registry.testing.LocalRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pushes through the daemon (containerd 2.x's {@code ImageStore} → {@code OCIRegistry} transfer)
 * to a real registry: an image pulled from one repository is pushed to another, its layers mounted
 * across repositories, config and manifest uploaded, manifest last; pushing again finds everything
 * there; jctr pushes through the daemon, whose hosts configuration applies; what was pushed pulls
 * back with Debian's ctr and mounts with the same files.
 */
class DaemonPushIT extends RegistryDaemonBase {
    private static final String MIRRORED = "push-mirror.invalid";
    private static final Map<String, String> FILES = Map.of("etc/pushed.conf", "pushed by the daemon\n", "srv/data", "two\n");

    static String source;

    @BeforeAll
    static void start() throws Exception {
        requireRegistryAndSkopeo("jcd-push-");
        registry = LocalRegistry.in(Files.createDirectories(work.resolve("registry"))).start();
        Path layout = work.resolve("layout");
        TestImages.ociLayout(layout, "v1", List.of(Map.of("etc/pushed.conf", FILES.get("etc/pushed.conf")),
                Map.of("srv/data", FILES.get("srv/data"))));
        source = registry.address() + "/src/app:v1";
        TestImages.skopeoPush(layout, "v1", source);
        Path configPath = Files.createDirectories(work.resolve("certs.d").resolve(MIRRORED));
        Files.writeString(configPath.resolve("hosts.toml"), """
                server = "https://%s"

                [host."http://%s"]
                  capabilities = ["pull", "resolve", "push"]
                """.formatted(MIRRORED, registry.address()));
        startDaemon("""
                config_path = "%s"
                """.formatted(configPath.getParent()));
    }

    private static ContainerdClient client(String namespace) {
        return ContainerdClient.connect(home.socket().toString(), ClientOptions.defaults().withNamespace(namespace));
    }

    private static List<TransferProgress> push(String namespace, String image, String reference, PullOptions options)
            throws InterruptedException {
        List<TransferProgress> events = new CopyOnWriteArrayList<>();
        try (ContainerdClient client = client(namespace)) {
            client.transfer().push(image, reference, options, events::add);
        }
        return events;
    }

    private static List<String> eventsOf(List<TransferProgress> events, String prefix) {
        return events.stream().filter(e -> e.name().startsWith(prefix)).map(TransferProgress::event).distinct().toList();
    }

    @Test
    void pushes_an_image_mounting_its_layers_then_finds_it_all_there() throws Exception {
        try (ContainerdClient client = client("push")) {
            client.transfer().pull(source, PullOptions.defaults().withPlainHttp(true), e -> { });
        }
        String target = registry.address() + "/pushed/app:v1";

        List<TransferProgress> first = push("push", source, target, PullOptions.defaults().withPlainHttp(true));

        assertThat(first).extracting(TransferProgress::event)
                .startsWith("Pushing to OCI Registry (" + target + ")", "pushing content")
                .endsWith("pushed content", "Completed push to OCI Registry (" + target + ")");
        assertThat(first.get(1).name()).isEqualTo(source);
        // the blobs came from src/app (their distribution-source label): mounted, not uploaded
        assertThat(eventsOf(first, "layer-")).containsExactly("waiting", "already exists");
        assertThat(eventsOf(first, "config-")).containsExactly("waiting", "already exists");
        assertThat(eventsOf(first, "manifest-")).containsExactly("waiting", "complete");
        List<String> names = first.stream().filter(e -> !e.name().isEmpty()).map(TransferProgress::name).toList();
        assertThat(names.lastIndexOf(names.stream().filter(n -> n.startsWith("manifest-")).findFirst().orElseThrow()))
                .as("the manifest is pushed last").isGreaterThan(names.lastIndexOf(
                        names.stream().filter(n -> n.startsWith("config-")).findFirst().orElseThrow()));
        assertThat(first).filteredOn(e -> e.event().equals("waiting") && e.name().startsWith("layer-"))
                .allSatisfy(e -> assertThat(e.parents()).singleElement().asString().startsWith("manifest-sha256:"));

        List<TransferProgress> again = push("push", source, target, PullOptions.defaults().withPlainHttp(true));

        assertThat(again).filteredOn(e -> e.name().contains("sha256:")).extracting(TransferProgress::event)
                .containsOnly("waiting", "already exists");
        ProcessResult pulledBack = home.ctr("-n", "pulled-back", "images", "pull", "--plain-http", target);
        assertThat(pulledBack.exitCode()).as(pulledBack.toString()).isZero();
        assertPulled(home, work, "pulled-back", target, FILES);
    }

    @Test
    void a_missing_image_is_not_found_and_nothing_is_pushed() {
        assertThatThrownBy(() -> push("empty", "absent:v1", registry.address() + "/absent/app:v1",
                PullOptions.defaults().withPlainHttp(true)))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThat(home.ctr("content", "fetch-object", "--plain-http", registry.address() + "/absent/app:v1").exitCode())
                .isEqualTo(1);
    }

    @Test
    void jctr_pushes_through_the_daemon_whose_hosts_configuration_applies() throws IOException {
        ProcessResult pulled = home.jctr("-n", "jctr-push", "images", "pull", "--plain-http", source);
        assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
        // only the daemon's config_path knows where this name lives
        String mirrored = MIRRORED + "/mirrored/app:v1";

        ProcessResult pushed = home.jctr("-n", "jctr-push", "images", "push", mirrored, source);

        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        assertThat(pushed.stdout()).contains("manifest-sha256:").contains("config-sha256:").doesNotContain("layer-")
                .contains("elapsed: ");
        String landed = registry.address() + "/mirrored/app:v1";
        ProcessResult pulledBack = home.ctr("-n", "jctr-pulled-back", "images", "pull", "--plain-http", landed);
        assertThat(pulledBack.exitCode()).as(pulledBack.toString()).isZero();
        assertPulled(home, work, "jctr-pulled-back", landed, FILES);
    }

    @Test
    void credentials_for_the_push_are_asked_of_the_client() throws Exception {
        Path authDir = Files.createDirectories(work.resolve("auth-registry"));
        Path htpasswd = Files.writeString(authDir.resolve("htpasswd"), "alice:" + Bcrypt.hash("s3cret", 5) + "\n");
        try (LocalRegistry guarded = LocalRegistry.in(authDir).htpasswd(htpasswd).start()) {
            try (ContainerdClient client = client("auth-push")) {
                client.transfer().pull(source, PullOptions.defaults().withPlainHttp(true), e -> { });
            }
            String target = guarded.address() + "/guarded/app:v1";
            List<String> asked = new CopyOnWriteArrayList<>();

            push("auth-push", source, target, PullOptions.defaults().withPlainHttp(true).withCredentials(host -> {
                asked.add(host);
                return Optional.of(new PullOptions.Login("alice", "s3cret"));
            }));

            assertThat(asked).isNotEmpty().allMatch(host -> host.equals(guarded.address()));
            ProcessResult fetched = home.ctr("content", "fetch-object", "--plain-http", "-u", "alice:s3cret", target);
            assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
            assertThatThrownBy(() -> push("auth-push", source, target, PullOptions.defaults().withPlainHttp(true)))
                    .isInstanceOfSatisfying(ErrdefsException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED));
        }
    }

    @Test
    void debian_ctr_pushes_client_side_from_the_daemons_content() throws IOException {
        ProcessResult pulled = home.ctr("-n", "ctr-push", "images", "pull", "--plain-http", source);
        assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
        String target = registry.address() + "/ctr-pushed/app:v1";

        ProcessResult pushed = home.ctr("-n", "ctr-push", "images", "push", "--plain-http", target, source);

        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        ProcessResult pulledBack = home.ctr("-n", "ctr-pulled-back", "images", "pull", "--plain-http", target);
        assertThat(pulledBack.exitCode()).as(pulledBack.toString()).isZero();
        assertPulled(home, work, "ctr-pulled-back", target, FILES);
    }
}
