package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import io.jcontainerd.it.support.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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

    /**
     * Layer 2's file holds the same tar compressed otherwise, and comes after the manifest: the
     * daemon unpacks it ahead from the archive file, with the right diff ID, but the blob the
     * manifest names is not in the archive, so that tree must not make an image.
     */
    @Test
    void aLayerUnpackedAheadFromTheFileCountsOnlyIfItsBlobIsThere() throws IOException {
        Path layout = dir.resolve("layout-recompressed");
        TestImages.Blob manifest = TestImages.ociLayout(layout, "v1", List.of(
                Map.of("etc/one", "first\n"), Map.of("etc/two", "second\n")));
        JsonNode manifestJson = JSON.readTree(blobFile(layout, manifest.digest()).toFile());
        String config = manifestJson.get("config").get("digest").asText();
        String first = manifestJson.get("layers").get(0).get("digest").asText();
        String second = manifestJson.get("layers").get(1).get("digest").asText();
        Path secondFile = blobFile(layout, second);
        byte[] original = Files.readAllBytes(secondFile);
        byte[] tar;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(original))) {
            tar = in.readAllBytes();
        }
        ByteArrayOutputStream recompressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(recompressed) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(tar);
        }
        assertThat(recompressed.toByteArray()).isNotEqualTo(original);
        Files.write(secondFile, recompressed.toByteArray());
        Path archive = dir.resolve("recompressed.tar");
        List<String> inOrder = new ArrayList<>(List.of("tar", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner",
                "-C", layout.toString(), "-cf", archive.toString(), "oci-layout", "index.json"));
        for (String blob : List.of(manifest.digest(), config, first, second)) {
            inOrder.add(layout.relativize(blobFile(layout, blob)).toString());
        }
        assertThat(new ProcessRunner(Duration.ofMinutes(1), Map.of()).run(inOrder).exitCode()).isZero();

        ProcessResult imported = parity.tested("-n", "recompressed", "images", "import", archive.toString());

        assertThat(imported.exitCode()).as(imported.stderr()).isEqualTo(1);
        assertThat(imported.stderr()).contains(second).contains("not found");
        assertNothingLeft("recompressed");
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
