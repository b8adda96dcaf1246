package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer that names a path above its root, imported by Debian's ctr into jcontainerd: the unpack
 * fails with a clear error naming the entry, nothing is written outside, and no snapshot is left
 * committed (containerd clamps such names into the root instead; we refuse them).
 */
class HostileImportIT extends DaemonParityBase {
    @TempDir
    Path dir;

    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }

    @Test
    void aLayerClimbingOutOfItsRootIsRefusedAndLeavesNothing() throws IOException {
        String escapee = "jcd-escape-" + UUID.randomUUID();
        Path outside = Path.of("/tmp", escapee);
        Path layout = dir.resolve("layout");
        TestImages.ociLayoutOfTar(layout, "v1", TestImages.rawTar(Map.of(
                "etc/ok", "fine\n", "../../../../../../../../tmp/" + escapee, "escaped\n")));
        Path archive = dir.resolve("hostile.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + archive + ":example.com/hostile/app:v1");

        ProcessResult imported = parity.tested("-n", "hostile", "images", "import", archive.toString());

        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.stderr()).contains("invalid argument").contains(escapee);
        assertThat(outside).doesNotExist();
        assertThat(parity.tested("-n", "hostile", "snapshots", "ls").stdout().lines().skip(1)).isEmpty();
        Files.deleteIfExists(outside);
    }

    @Test
    void aLayerWhoseDiffIdIsWrongIsRefusedAsByContainerd() throws IOException {
        Path layout = dir.resolve("layout-diffid");
        TestImages.ociLayoutOfTar(layout, "v1", TestImages.rawTar(Map.of("etc/ok", "fine\n")),
                TestImages.digestOf("not this layer".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path archive = dir.resolve("diffid.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + archive + ":example.com/hostile/diffid:v1");
        ProcessResult reference = parity.ctr("-n", "diffid", "images", "import", archive.toString());
        ProcessResult imported = parity.tested("-n", "diffid", "images", "import", archive.toString());
        assertThat(imported.exitCode()).isEqualTo(1).isEqualTo(reference.exitCode());
        assertThat(imported.stderr()).contains("wrong diff id calculated on extraction");
        assertThat(parity.tested("-n", "diffid", "snapshots", "ls").stdout().lines().skip(1)).isEmpty();
    }
}
