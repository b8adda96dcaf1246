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
import org.junit.jupiter.api.Test;

/**
 * Hostile archives imported by jctr through our daemon's Transfer API (the daemon reads the
 * archive and unpacks it): the import fails with a clear error and leaves no image and no
 * committed snapshot.
 */
class HostileTransferImportIT extends HostileImportScenarios {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
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

    /** The daemon's import also creates no image (ctr 1.6 creates images before it unpacks). */
    @Override
    void assertNothingLeft(String namespace) {
        assertThat(parity.tested("-n", namespace, "images", "ls", "-q").stdout()).isEmpty();
        super.assertNothingLeft(namespace);
    }

    private static Path blobFile(Path layout, String digest) {
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }
}
