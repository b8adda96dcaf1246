package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile archives imported into jcontainerd, by whichever client the subclass's pairing names:
 * the import fails with a clear error, nothing is written outside the root and no snapshot is
 * left committed (containerd clamps names that climb above the root; we refuse them).
 */
abstract class HostileImportScenarios extends DaemonParityBase {
    @TempDir
    Path dir;

    @Test
    void aLayerClimbingOutOfItsRootIsRefusedAndLeavesNothing() throws IOException {
        String escapee = "jcd-escape-" + UUID.randomUUID();
        Path outside = Path.of("/tmp", escapee);
        Path layout = dir.resolve("layout");
        TestImages.ociLayoutOfTar(layout, "v1", TestImages.rawTar(Map.of(
                "etc/ok", "fine\n", "../../../../../../../../tmp/" + escapee, "escaped\n")));
        Path archive = dir.resolve("hostile.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + archive + ":example.com/hostile/app:v1");
        try {
            ProcessResult imported = parity.tested("-n", "hostile", "images", "import", archive.toString());

            assertThat(imported.exitCode()).isEqualTo(1);
            assertThat(imported.stderr()).contains("invalid argument").contains(escapee);
            assertThat(outside).doesNotExist();
            assertNothingLeft("hostile");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aLayerWhoseDiffIdIsWrongIsRefusedAsByContainerd() throws IOException {
        Path layout = dir.resolve("layout-diffid");
        TestImages.ociLayoutOfTar(layout, "v1", TestImages.rawTar(Map.of("etc/ok", "fine\n")),
                TestImages.digestOf("not this layer".getBytes(StandardCharsets.UTF_8)));
        Path archive = dir.resolve("diffid.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + archive + ":example.com/hostile/diffid:v1");
        ProcessResult reference = parity.ctr("-n", "diffid", "images", "import", archive.toString());

        ProcessResult imported = parity.tested("-n", "diffid", "images", "import", archive.toString());

        assertThat(imported.exitCode()).isEqualTo(1).isEqualTo(reference.exitCode());
        assertThat(imported.stderr()).contains("wrong diff id calculated on extraction");
        assertNothingLeft("diffid");
    }

    /** Once the import's lease is gone and garbage is collected, no snapshot is left. */
    void assertNothingLeft(String namespace) {
        parity.tested("-n", namespace, "leases", "create", "--id", "gc-now");
        parity.tested("-n", namespace, "leases", "rm", "--sync", "gc-now");
        assertThat(parity.tested("-n", namespace, "snapshots", "ls").stdout().lines().skip(1)).isEmpty();
        assertThat(parity.tested("-n", namespace, "leases", "ls", "-q").stdout()).isEmpty();
    }
}
