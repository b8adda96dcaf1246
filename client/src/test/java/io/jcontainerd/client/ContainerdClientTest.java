package io.jcontainerd.client;

import io.jcontainerd.image.Platform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.grpc.Status;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ContainerdClientTest {
    /** For daemons that answer: generous, as a loaded 2-core machine can take a second to handshake. */
    private static final ClientOptions FAST = ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(10));
    /** For dials that must fail: short. */
    private static final ClientOptions QUICK_FAIL = ClientOptions.defaults().withConnectTimeout(Duration.ofMillis(300));

    @TempDir
    Path dir;
    private Path socket;
    private FakeDaemon daemon;

    @BeforeEach
    void startDaemon() throws Exception {
        socket = dir.resolve("d.sock");
        daemon = new FakeDaemon(socket);
    }

    @AfterEach
    void stopDaemon() {
        daemon.close();
    }

    @Test
    void sendsTheNamespaceOnEveryCall() {
        try (ContainerdClient client = ContainerdClient.connect(socket.toString(), FAST.withNamespace("k8s.io"))) {
            assertThat(client.namespaces().get("labelled")).isEqualTo(new Namespace("labelled", Map.of("a", "1")));
            assertThat(daemon.lastNamespace).hasValue("k8s.io");
        }
    }

    @Test
    void callsInsideWithLeaseCarryTheLeaseAndOthersDoNot() throws Exception {
        try (ContainerdClient client = ContainerdClient.connect(socket.toString(), FAST)) {
            String seen = client.withLease("lease-1", () -> {
                client.namespaces().get("labelled");
                return daemon.lastLease.get();
            });
            assertThat(seen).isEqualTo("lease-1");
            client.namespaces().get("labelled");
            assertThat(daemon.lastLease).hasValue("");
        }
    }

    @Test
    void aTemporaryLeaseExpiresInADayWrittenInRfc3339() throws Exception {
        try (ContainerdClient client = ContainerdClient.connect(socket.toString(), FAST)) {
            client.withTemporaryLease(() -> null);
            String expires = daemon.lastLeaseLabels.get().get("containerd.io/gc.expire");
            assertThat(expires).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(OffsetDateTime.parse(expires))
                    .isBetween(OffsetDateTime.now().plusHours(24).minusMinutes(1), OffsetDateTime.now().plusHours(24));
        }
    }

    @Test
    void streamsOpenedTogetherAreAllInitialisedBeforeAnAcknowledgementIsAwaited() {
        try (ContainerdClient client = ContainerdClient.connect(socket.toString(), FAST)) {
            // the fake acknowledges neither stream before both are initialised: one at a time would hang
            List<ClientStream> streams = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> client.streaming().open(List.of("auth-1", "progress-1")));
            assertThat(streams).extracting(ClientStream::id).containsExactly("auth-1", "progress-1");
            streams.forEach(ClientStream::close);
        }
    }

    @Test
    void theDefaultSnapshotterIsTheNamespacesLabelElseOverlayfs() {
        try (ContainerdClient named = ContainerdClient.connect(socket.toString(), FAST.withNamespace("native-by-default"));
             ContainerdClient plain = ContainerdClient.connect(socket.toString(), FAST.withNamespace("labelled"))) {
            assertThat(named.snapshotsOrDefault("").name()).isEqualTo("native");
            assertThat(named.snapshotsOrDefault("btrfs").name()).isEqualTo("btrfs");
            assertThat(plain.snapshotsOrDefault("").name()).isEqualTo("overlayfs");
        }
    }

    @Test
    void acceptsUnixScheme() {
        try (ContainerdClient client = ContainerdClient.connect("unix://" + socket, FAST)) {
            assertThat(client.version().get()).isEqualTo(new ServerVersion("1.6.20", "rev"));
            assertThat(client.introspection().serverUuid()).isEqualTo("uuid-1");
        }
    }

    @Test
    void mapsPlugins() {
        try (ContainerdClient client = ContainerdClient.connect(socket.toString(), FAST)) {
            List<PluginInfo> plugins = client.introspection().plugins(List.of("id==a", "id==b"));
            assertThat(plugins.getFirst()).isEqualTo(new PluginInfo("io.containerd.snapshotter.v1", "native",
                    List.of("io.containerd.content.v1"), List.of(Platform.of("linux", "arm", "v7")),
                    Map.of("root", "/var/lib/x"), List.of("cap"), Optional.of(new PluginError(2, "no: skip plugin"))));
            assertThat(plugins.getFirst().initError().orElseThrow().skipped()).isTrue();
            assertThat(plugins.get(1).id()).isEqualTo("id==a,id==b");
            assertThat(plugins.get(1).initError()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, mode = EnumSource.Mode.EXCLUDE, names = "OK")
    void serverErrorsArriveAsErrdefs(Status.Code code) {
        try (ContainerdClient client = ContainerdClient.connect(socket.toString(), FAST)) {
            assertThatThrownBy(() -> client.namespaces().get(code.name()))
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> {
                        assertThat(e.kind()).isEqualTo(GrpcErrors.kindOf(code));
                        assertThat(e.getMessage()).isEqualTo("scripted " + code + ": " + e.kind().text());
                    });
        }
    }

    @Test
    void callTimeoutReadsLikeGo() {
        ClientOptions options = FAST.withCallTimeout(Duration.ofMillis(200));
        try (ContainerdClient client = ContainerdClient.connect(socket.toString(), options)) {
            assertThatThrownBy(() -> client.namespaces().delete("x"))
                    .isInstanceOfSatisfying(ErrdefsException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.DEADLINE_EXCEEDED))
                    .hasMessage("context deadline exceeded");
        }
    }

    @Test
    void missingSocketWaitsForTheConnectTimeout() {
        String missing = dir.resolve("missing.sock").toString();
        long start = System.nanoTime();
        assertThatThrownBy(() -> ContainerdClient.connect(missing, QUICK_FAIL))
                .hasMessage("failed to dial \"" + missing + "\": context deadline exceeded");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void refusedConnectionFailsAtOnce() throws Exception {
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(stale));
        }
        assertThatThrownBy(() -> ContainerdClient.connect(stale.toString(), ClientOptions.defaults()))
                .isInstanceOfSatisfying(ErrdefsException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                .hasMessage("failed to dial \"" + stale + "\": connection error: desc = \"transport: error while"
                        + " dialing: dial unix " + stale + ": connect: connection refused\"");
    }

    @Test
    void silentSocketTimesOutInTheHandshake() throws Exception {
        Path mute = dir.resolve("mute.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(mute));
            assertThatThrownBy(() -> ContainerdClient.connect(mute.toString(), QUICK_FAIL))
                    .hasMessage("failed to dial \"" + mute + "\": context deadline exceeded:"
                            + " timed out waiting for server handshake");
        }
    }
}
