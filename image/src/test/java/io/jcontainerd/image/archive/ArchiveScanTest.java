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

/** Where a scan of an archive's headers finds each file: the daemon unpacks layers from there. */
class ArchiveScanTest {
    @Test
    void eachRegularFileIsFoundWhereItsBytesAre() throws IOException {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put("blobs/sha256/" + "a".repeat(64), bytes(70_000, 1));
        // a name longer than a ustar header holds: a PAX header comes first
        blobs.put("blobs/sha256/" + "b".repeat(64) + "/" + "long-name-".repeat(8), bytes(513, 2));
        blobs.put("blobs/sha256/empty", new byte[0]);
        Map<String, byte[]> files = layout(blobs);
        byte[] archive = tar(files);
        List<ArchiveScan.Entry> scanned = ArchiveScan.regularFiles(new ArrayReader(archive));
        assertThat(scanned).extracting(ArchiveScan.Entry::name).containsExactlyElementsOf(files.keySet());
        for (ArchiveScan.Entry e : scanned) {
            assertThat(e.size()).isEqualTo(files.get(e.name()).length);
            assertThat(Arrays.copyOfRange(archive, (int) e.offset(), (int) (e.offset() + e.size())))
                    .as(e.name()).isEqualTo(files.get(e.name()));
        }
    }

    @Test
    void theScanNamesFilesAsTheImporterNamesThem() throws IOException {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        blobs.put("./blobs/sha256/" + "c".repeat(64), bytes(100_000, 3));
        blobs.put("blobs/sha256/" + "d".repeat(64) + "/" + "long-name-".repeat(8), bytes(1025, 4));
        byte[] archive = tar(layout(blobs));
        List<String> ingested = new ArrayList<>();
        new ArchiveImporter(new Blobs(), false).importIndex(new ByteArrayInputStream(archive),
                (name, digest, size) -> ingested.add(name));
        List<ArchiveScan.Entry> scanned = ArchiveScan.regularFiles(new ArrayReader(archive));
        // the scan also finds oci-layout, which the importer reads as the layout rather than ingests
        assertThat(scanned.getFirst().name()).isEqualTo("oci-layout");
        assertThat(scanned.subList(1, scanned.size())).extracting(ArchiveScan.Entry::name).containsExactlyElementsOf(ingested);
        assertThat(ingested.getFirst()).as("names cleaned as the importer cleans them")
                .isEqualTo("blobs/sha256/" + "c".repeat(64));
        assertThatThrownBy(() -> ArchiveScan.regularFiles(new ArrayReader(Arrays.copyOf(archive, 700))))
                .as("headers cut short").isInstanceOf(IOException.class);
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
