package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile archives imported by jctr through our daemon's Transfer API (the daemon reads the
 * archive and unpacks it): the import fails with a clear error and leaves no image and no
 * committed snapshot.
 */
class HostileTransferImportIT extends DaemonParityBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
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
    void aLayerWhoseBytesAreNotItsDigestIsRefusedAndLeavesNothing() throws IOException {
        Path layout = dir.resolve("layout-digest");
        TestImages.Blob manifest = TestImages.ociLayout(layout, "v1", List.of(
                Map.of("etc/one", "first\n"), Map.of("etc/two", "second\n")));
        Path manifestFile = blobFile(layout, manifest.digest());
        String layer = JSON.readTree(manifestFile.toFile()).get("layers").get(1).get("digest").asText();
        Path layerFile = blobFile(layout, layer);
        byte[] bytes = Files.readAllBytes(layerFile);
        bytes[bytes.length - 1] ^= 0x5a; // same size, other bytes
        Files.write(layerFile, bytes);
        Path archive = dir.resolve("digest.tar");
        TestImages.tarLayout(layout, archive);

        ProcessResult imported = parity.tested("-n", "digest", "images", "import", archive.toString());

        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.stderr()).contains(layer).contains("not found");
        assertNothingLeft("digest");
    }

    @Test
    void aLayerWhoseDiffIdIsWrongIsRefusedAsByContainerd() throws IOException {
        Path layout = dir.resolve("layout-diffid");
        TestImages.ociLayoutOfTar(layout, "v1", TestImages.rawTar(Map.of("etc/ok", "fine\n")),
                TestImages.digestOf("not this layer".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path archive = dir.resolve("diffid.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + archive + ":example.com/hostile/diffid:v1");

        ProcessResult imported = parity.tested("-n", "diffid", "images", "import", archive.toString());

        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.stderr()).contains("wrong diff id calculated on extraction");
        assertNothingLeft("diffid");
    }

    /** No image, and once the import's lease is gone and garbage collected, no snapshot. */
    private void assertNothingLeft(String namespace) {
        assertThat(parity.tested("-n", namespace, "images", "ls", "-q").stdout()).isEmpty();
        parity.tested("-n", namespace, "leases", "create", "--id", "gc-now");
        parity.tested("-n", namespace, "leases", "rm", "--sync", "gc-now");
        assertThat(parity.tested("-n", namespace, "snapshots", "ls").stdout().lines().skip(1)).isEmpty();
        assertThat(parity.tested("-n", namespace, "leases", "ls", "-q").stdout()).isEmpty();
    }

    private static Path blobFile(Path layout, String digest) {
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }
}
