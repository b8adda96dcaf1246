package io.jcontainerd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshots API as a {@link io.jcontainerd.core.snapshots.Snapshotter}, against a daemon that echoes requests. */
class SnapshotsClientTest {
    @TempDir
    Path dir;
    private FakeDaemon daemon;
    private ContainerdClient client;

    @BeforeEach
    void connect() throws Exception {
        Path socket = dir.resolve("d.sock");
        daemon = new FakeDaemon(socket);
        client = ContainerdClient.connect(socket.toString(), ClientOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void close() {
        client.close();
        daemon.close();
    }

    @Test
    void everyRequestNamesItsSnapshotter() {
        Info info = client.snapshots("native").stat("k");
        assertThat(info).isEqualTo(new Info(Kind.VIEW, "native/k", "p", Map.of("l", "v"), Instant.ofEpochSecond(7),
                Instant.EPOCH));
    }

    @Test
    void missingSnapshotsAreNotFound() {
        assertThatThrownBy(() -> client.snapshots("overlayfs").stat("absent"))
                .isInstanceOf(ErrdefsException.class)
                .hasMessage("snapshot absent does not exist: not found")
                .satisfies(e -> assertThat(((ErrdefsException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void updateSendsTheFieldMask() {
        Info updated = client.snapshots("overlayfs").update(
                new Info(Kind.COMMITTED, "n", "", Map.of("a", "1", "b", "2"), null, null), List.of("labels.a"));
        assertThat(updated.labels()).isEqualTo(Map.of("labels.a", "1"));
        assertThat(updated.kind()).isEqualTo(Kind.COMMITTED);
    }

    @Test
    void listSendsFiltersAndReadsEveryResponse() {
        List<String> names = new ArrayList<>();
        client.snapshots("overlayfs").walk(List.of("kind==committed", "name==x"), info -> names.add(info.name()));
        assertThat(names).containsExactly("overlayfs:kind==committed", "overlayfs:name==x");
    }

    @Test
    void prepareSendsParentAndLabelsAndReturnsMounts() {
        List<Mount> mounts = client.snapshots("overlayfs").prepare("key", "parent", Map.of("opt", "ro"));
        assertThat(mounts).containsExactly(Mount.of("overlay", "overlay", List.of("lowerdir=/parent", "upperdir=/key", "ro")));
    }

    @Test
    void usageReadsSizeAndInodes() {
        assertThat(client.snapshots("overlayfs").usage("k")).isEqualTo(new Usage(3, 4096));
    }
}
