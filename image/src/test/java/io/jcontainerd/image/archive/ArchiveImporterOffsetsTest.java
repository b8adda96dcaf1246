package io.jcontainerd.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** Where the importer says each file's bytes are in the archive, and where a scan of its headers finds them: the daemon unpacks layers from there. */
class ArchiveImporterOffsetsTest {
    private record Reading(String name, long offset, long size) {
    }

    @Test
    void eachFileIsAnnouncedWithItsPlaceInTheArchiveBeforeItIsIngested() throws IOException {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put("blobs/sha256/" + "a".repeat(64), bytes(70_000, 1));
        // a name longer than a ustar header holds: a PAX header comes first
        blobs.put("blobs/sha256/" + "b".repeat(64) + "/" + "long-name-".repeat(8), bytes(513, 2));
        blobs.put("blobs/sha256/empty", new byte[0]);
        Map<String, byte[]> files = layout(blobs);
        byte[] archive = tar(files);
        List<String> order = new ArrayList<>();
        List<Reading> readings = imported(archive, order);
        // oci-layout is read as the layout, not ingested
        assertThat(readings).extracting(Reading::name).containsExactlyElementsOf(files.keySet().stream().skip(1).toList());
        for (Reading r : readings) {
            assertThat(Arrays.copyOfRange(archive, (int) r.offset(), (int) (r.offset() + r.size())))
                    .as(r.name()).isEqualTo(files.get(r.name()));
        }
        assertThat(order).containsSubsequence("reading index.json", "ingested index.json");
        assertThat(order.indexOf("ingested blobs/sha256/" + "a".repeat(64)))
                .isEqualTo(order.indexOf("reading blobs/sha256/" + "a".repeat(64)) + 1);
    }

    @Test
    void aScanOfTheHeadersFindsTheFilesWhereTheImporterReadsThem() throws IOException {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put("./blobs/sha256/" + "c".repeat(64), bytes(100_000, 3));
        blobs.put("blobs/sha256/" + "d".repeat(64) + "/" + "long-name-".repeat(8), bytes(1025, 4));
        byte[] archive = tar(layout(blobs));
        List<Reading> readings = imported(archive, new ArrayList<>());
        List<ArchiveScan.Entry> scanned = ArchiveScan.regularFiles(new ArrayReader(archive));
        // the scan also finds oci-layout, which the importer reads as the layout rather than announces
        assertThat(scanned.getFirst().name()).isEqualTo("oci-layout");
        assertThat(scanned.subList(1, scanned.size())).extracting(e -> new Reading(e.name(), e.offset(), e.size()))
                .containsExactlyElementsOf(readings);
        assertThat(readings.getFirst().name()).as("names cleaned as the importer cleans them")
                .isEqualTo("blobs/sha256/" + "c".repeat(64));
        assertThatThrownBy(() -> ArchiveScan.regularFiles(new ArrayReader(Arrays.copyOf(archive, 700))))
                .as("headers cut short").isInstanceOf(IOException.class);
    }

    /** Imports the archive; {@return the files announced} {@code order} gets each announcement and ingest in turn. */
    private static List<Reading> imported(byte[] archive, List<String> order) throws IOException {
        List<Reading> readings = new ArrayList<>();
        new ArchiveImporter(new Blobs(), false).importIndex(new ByteArrayInputStream(archive), new BlobListener() {
            @Override
            public void reading(String name, long offset, long size) {
                readings.add(new Reading(name, offset, size));
                order.add("reading " + name);
            }

            @Override
            public void ingested(String name, Digest digest, long size) {
                order.add("ingested " + name);
            }
        });
        return readings;
    }

    /** An archive in memory, read at random. */
    private record ArrayReader(byte[] bytes) implements ReaderAt {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** An OCI layout's files around {@code blobs}: {@code oci-layout} first, {@code index.json} last. */
    private static Map<String, byte[]> layout(Map<String, byte[]> blobs) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        files.putAll(blobs);
        files.put("index.json", "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /** Blobs in memory: what the importer writes. */
    private static final class Blobs implements ArchiveContent {
        private final Map<Digest, byte[]> blobs = new HashMap<>();

        @Override
        public Digest write(String ref, InputStream data, long size, Digest expected, Map<String, String> labels)
                throws IOException {
            byte[] bytes = data.readAllBytes();
            Digest digest = DigestAlgorithm.CANONICAL.digest(bytes);
            blobs.put(digest, bytes);
            return digest;
        }

        @Override
        public Info info(Digest digest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Info> list(List<String> filters) {
            return List.of();
        }

        @Override
        public void read(Digest digest, OutputStream out) throws IOException {
            out.write(blobs.get(digest));
        }

        @Override
        public void label(Digest digest, Map<String, String> labels) {
        }

        @Override
        public ReaderAt readerAt(Digest digest) {
            throw new UnsupportedOperationException();
        }
    }
}
