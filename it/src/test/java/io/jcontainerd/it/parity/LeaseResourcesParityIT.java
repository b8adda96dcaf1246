package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.client.ClientOptions;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.LeasesClient;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.leases.Resource;
import io.jcontainerd.it.support.DaemonInstance;
import io.jcontainerd.it.support.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The lease resource calls, which ctr has no command for, through our client against Debian's
 * containerd and against our daemon: the same calls must give the same transcript of results and
 * errors (kind and text).
 */
class LeaseResourcesParityIT {
    private static final String BLOB = "sha256:" + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** Every case of containerd's resource parsing, and names bolt cannot store. */
    private static final List<Resource> RESOURCES = List.of(
            new Resource(BLOB, "content"),
            new Resource(BLOB.toUpperCase(), "content"),
            new Resource("sha256:abc", "content"),
            new Resource("md5:0123", "content"),
            new Resource("nocolon", "content"),
            new Resource("", "content"),
            new Resource(BLOB, "content/x"),
            new Resource("ref-2", "ingests"),
            new Resource("ref-1", "ingests"),
            new Resource("ref-1", "ingests"),
            new Resource("", "ingests"),
            new Resource("ref", "ingests/a"),
            new Resource("key-b", "snapshots/overlayfs"),
            new Resource("key-a", "snapshots/overlayfs"),
            new Resource("key-z", "snapshots/native"),
            new Resource("", "snapshots/native"),
            new Resource("key", "snapshots/"),
            new Resource("key", "snapshots"),
            new Resource("key", "snapshots/a/b"),
            new Resource("x", "images"),
            new Resource("x", ""));

    @Test
    void sameTranscriptOnBothDaemons() {
        Host.assumeRoot();
        Host.assumeExecutable(DaemonInstance.CONTAINERD);
        List<String> expected;
        try (DaemonInstance containerd = DaemonInstance.containerd()) {
            expected = transcript(containerd);
        }
        try (DaemonInstance jcontainerd = DaemonInstance.jcontainerd()) {
            assertThat(transcript(jcontainerd)).containsExactlyElementsOf(expected);
        }
        assertThat(expected).contains("list pull: [Resource[id=" + BLOB + ", type=content], "
                + "Resource[id=ref-1, type=ingests], Resource[id=ref-2, type=ingests], "
                + "Resource[id=key-z, type=snapshots/native], Resource[id=key-a, type=snapshots/overlayfs], "
                + "Resource[id=key-b, type=snapshots/overlayfs]]");
    }

    private static List<String> transcript(DaemonInstance daemon) {
        List<String> lines = new ArrayList<>();
        try (ContainerdClient client = ContainerdClient.connect(daemon.socket().toString(),
                ClientOptions.defaults().withNamespace("resources"))) {
            LeasesClient leases = client.leases();
            record(lines, "add to missing lease", () -> {
                leases.addResource("ghost", RESOURCES.getFirst());
                return "ok";
            });
            record(lines, "list missing lease", () -> leases.listResources("ghost"));
            leases.create("pull", Map.of());
            for (Resource r : RESOURCES) {
                record(lines, "add " + r, () -> {
                    leases.addResource("pull", r);
                    return "ok";
                });
            }
            record(lines, "list pull", () -> leases.listResources("pull"));
            for (Resource r : List.of(new Resource(BLOB, "content"), new Resource("key-a", "snapshots/overlayfs"),
                    new Resource("never", "ingests"), new Resource("", "snapshots/"), new Resource("x", "images"),
                    new Resource("bad", "content"))) {
                record(lines, "delete " + r, () -> {
                    leases.deleteResource("pull", r);
                    return "ok";
                });
            }
            record(lines, "list pull", () -> leases.listResources("pull"));
            leases.delete("pull");
            record(lines, "list deleted lease", () -> leases.listResources("pull"));
        }
        return lines;
    }

    private static void record(List<String> lines, String what, Callable<Object> call) {
        try {
            lines.add(what + ": " + call.call());
        } catch (ErrdefsException e) {
            lines.add(what + ": " + e.kind() + " " + e.getMessage());
        } catch (Exception e) {
            throw new AssertionError(what, e);
        }
    }
}
