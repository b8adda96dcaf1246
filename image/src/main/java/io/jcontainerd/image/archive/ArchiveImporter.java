package io.jcontainerd.image.archive;

import io.jcontainerd.image.reference.DockerReference;
import io.jcontainerd.core.paths.GoPaths;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.ImageJson;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.Index;
import io.jcontainerd.image.Manifest;
import io.jcontainerd.image.MediaTypes;
import io.jcontainerd.image.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads an image archive into the content store and returns the descriptor of an OCI index
 * naming its images, as containerd 1.6's {@code archive.ImportIndex}: every regular file is
 * written as a blob (ref {@code tar-<name>}); an OCI layout's {@code index.json} is that index;
 * for a Docker archive ({@code manifest.json}) a Docker manifest is written per image and an
 * index over them, each entry named by the image's tags normalized ({@code docker.io/library/…}).
 * Run it under a lease: nothing here references the blobs it writes.
 */
public final class ArchiveImporter {
    private static final System.Logger LOG = System.getLogger(ArchiveImporter.class.getName());

    /** Upstream reads at most this much of {@code oci-layout} and {@code manifest.json}. */
    private static final int JSON_LIMIT = 20 << 20;
    /** Enough of a blob to tell its compression, as upstream peeks. */
    private static final int MAGIC_BYTES = 10;
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final int ZSTD_SKIPPABLE_MASK = 0xfffffff0;
    private static final int ZSTD_SKIPPABLE_START = 0x184d2a50;

    private final ArchiveContent content;
    private final boolean compressLayers;

    /** @param compressLayers gzip the uncompressed layers of Docker archives ({@code --compress-blobs}) */
    public ArchiveImporter(ArchiveContent content, boolean compressLayers) {
        this.content = content;
        this.compressLayers = compressLayers;
    }

    /** A regular file written as a blob. */
    private record Blob(Digest digest, long size) {
    }

    /**
     * @return the index: {@code index.json} of an OCI layout, or the one written for a Docker archive
     * @throws ErrdefsException for archives upstream refuses, with its messages
     *     ({@code unrecognized image format}, {@code unsupported OCI version …}, {@code image config "…" not found}…)
     */
    public ImageDescriptor importIndex(InputStream archive) throws IOException {
        return importIndex(archive, BlobListener.NONE);
    }

    /** {@link #importIndex(InputStream)}, telling {@code listener} of each blob as it is written. */
    public ImageDescriptor importIndex(InputStream archive, BlobListener listener) throws IOException {
        ImageLayout layout = null;
        DockerManifestEntry[] manifests = null;
        Map<String, String> symlinks = new LinkedHashMap<>();
        Map<String, Blob> blobs = new HashMap<>();
        ArchiveEntries entries = new ArchiveEntries(archive);
        InputStream tar = entries.data();
        for (TarArchiveEntry entry = entries.next(); entry != null; entry = entries.next()) {
            String name = entry.getName();
            byte type = entry.getLinkFlag();
            if (type == TarConstants.LF_SYMLINK) {
                symlinks.put(name, GoPaths.join(GoPaths.dir(name), entry.getLinkName()));
            }
            if (!isRegularFile(entry)) {
                if (type != TarConstants.LF_DIR && !(type == TarConstants.LF_OLDNORM && name.endsWith("/"))) {
                    LOG.log(System.Logger.Level.DEBUG, "file type ignored", Map.of("file", name));
                }
                continue;
            }
            String clean = GoPaths.clean(name);
            if (clean.equals(ImageLayout.FILE)) {
                try {
                    layout = ImageJson.read(readJson(tar), ImageLayout.class, "oci layout");
                } catch (ErrdefsException e) {
                    throw wrap(e, "untar oci layout \"" + name + "\"");
                }
            } else if (clean.equals("manifest.json")) {
                try {
                    byte[] json = readJson(tar);
                    manifests = isNull(json) ? null : ImageJson.read(json, DockerManifestEntry[].class, "manifest.json");
                } catch (ErrdefsException e) {
                    throw wrap(e, "untar manifest \"" + name + "\"");
                }
            } else {
                Blob blob;
                try {
                    blob = ingest(tar, entry.getSize(), "tar-" + clean);
                } catch (ErrdefsException e) {
                    throw wrap(e, "failed to ingest \"" + name + "\"");
                }
                blobs.put(clean, blob);
                listener.ingested(clean, blob.digest(), blob.size());
            }
        }
        if (layout != null && !layout.version().isEmpty()) {
            return ociIndex(layout, blobs);
        }
        if (manifests == null) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "unrecognized image format");
        }
        for (var link : symlinks.entrySet()) {
            Blob target = blobs.get(link.getValue());
            if (target == null) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "no target for symlink layer from \"" + link.getKey()
                        + "\" to \"" + link.getValue() + "\"");
            }
            blobs.put(link.getKey(), target);
        }
        return dockerIndex(manifests, blobs);
    }

    /** {@return whether the entry is a regular file, as Go's {@code archive/tar} tells one} */
    static boolean isRegularFile(TarArchiveEntry entry) {
        byte type = entry.getLinkFlag();
        return type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM && !entry.getName().endsWith("/");
    }

    private static ImageDescriptor ociIndex(ImageLayout layout, Map<String, Blob> blobs) {
        if (!layout.version().equals(ImageLayout.VERSION)) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "unsupported OCI version " + layout.version());
        }
        Blob index = blobs.get("index.json");
        if (index == null) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "missing index.json in OCI layout " + ImageLayout.VERSION);
        }
        return ImageDescriptor.of(MediaTypes.OCI_INDEX, index.digest(), index.size());
    }

    private ImageDescriptor dockerIndex(DockerManifestEntry[] manifests, Map<String, Blob> blobs) throws IOException {
        List<ImageDescriptor> entries = new ArrayList<>();
        for (DockerManifestEntry m : manifests) {
            Blob configBlob = blobs.get(m.config());
            if (configBlob == null) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "image config \"" + nullToEmpty(m.config()) + "\" not found");
            }
            ImageDescriptor config = ImageDescriptor.of(MediaTypes.DOCKER_CONFIG, configBlob.digest(), configBlob.size());
            List<ImageDescriptor> layers;
            try {
                layers = resolveLayers(m.layers() == null ? List.of() : m.layers(), blobs);
            } catch (ErrdefsException e) {
                throw wrap(e, "failed to resolve layers");
            }
            ImageDescriptor desc;
            try {
                desc = writeDocument(ImageJson.write(new Manifest(2, MediaTypes.DOCKER_MANIFEST, config, layers, Map.of())),
                        MediaTypes.DOCKER_MANIFEST);
            } catch (ErrdefsException e) {
                throw wrap(e, "write docker manifest");
            }
            List<Platform> platforms;
            try {
                platforms = Images.platforms(content, desc);
            } catch (ErrdefsException e) {
                throw wrap(e, "unable to resolve platform");
            }
            if (!platforms.isEmpty()) {
                // a manifest has at most one platform, its config's
                desc = desc.withPlatform(platforms.getFirst());
            }
            if (m.repoTags() == null || m.repoTags().isEmpty()) {
                entries.add(desc);
                continue;
            }
            for (String tag : m.repoTags()) {
                String normalized;
                try {
                    normalized = DockerReference.parseDockerRef(tag).toString();
                } catch (ErrdefsException e) {
                    throw wrap(e, "normalize image ref \"" + tag + "\"");
                }
                entries.add(desc.withAnnotations(Map.of(ImageKeys.IMAGE_NAME_ANNOTATION, normalized,
                        ImageKeys.REF_NAME_ANNOTATION, ImageKeys.ociReferenceName(normalized))));
            }
        }
        return writeDocument(ImageJson.write(new Index(2, "", entries, Map.of())), MediaTypes.OCI_INDEX);
    }

    /**
     * The layers of a Docker manifest: a layer already held compressed (a blob labelled with its
     * digest as {@value ImageKeys#UNCOMPRESSED_LABEL}) is replaced by that blob; the others keep their
     * archive blob, typed by sniffing its compression.
     */
    private List<ImageDescriptor> resolveLayers(List<String> files, Map<String, Blob> blobs) throws IOException {
        List<ImageDescriptor> layers = new ArrayList<>(files.size());
        Map<Digest, Integer> byDigest = new HashMap<>();
        List<String> filters = new ArrayList<>();
        for (String file : files) {
            Blob blob = blobs.get(file);
            if (blob == null) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "layer \"" + file + "\" not found");
            }
            byDigest.put(blob.digest(), layers.size());
            layers.add(ImageDescriptor.of("", blob.digest(), blob.size()));
            filters.add("labels.\"" + ImageKeys.UNCOMPRESSED_LABEL + "\"==" + blob.digest());
        }
        if (!files.isEmpty()) {
            List<Info> compressed;
            try {
                compressed = content.list(filters);
            } catch (ErrdefsException e) {
                throw wrap(e, "failure checking for compressed blobs");
            }
            for (Info info : compressed) {
                String uncompressed = info.labels().get(ImageKeys.UNCOMPRESSED_LABEL);
                Integer i = uncompressed == null ? null : byDigest.get(parseOrNull(uncompressed));
                if (i != null) {
                    ImageDescriptor found = ImageDescriptor.of("", info.digest(), info.size());
                    layers.set(i, ImageDescriptor.of(detectedMediaType(found), info.digest(), info.size()));
                }
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            ImageDescriptor layer = layers.get(i);
            if (!layer.mediaType().isEmpty()) {
                continue;
            }
            if (compressionOf(head(layer)) != Compression.NONE) {
                layers.set(i, ImageDescriptor.of(MediaTypes.DOCKER_LAYER_GZIP, layer.digest(), layer.size()));
            } else if (compressLayers) {
                layers.set(i, compress(layer));
            } else {
                layers.set(i, ImageDescriptor.of(MediaTypes.DOCKER_LAYER, layer.digest(), layer.size()));
            }
        }
        return layers;
    }

    private enum Compression { NONE, GZIP, ZSTD }

    /** Upstream's {@code detectLayerMediaType}: gzip for any compression, plain for none or a blob shorter than the peek. */
    private String detectedMediaType(ImageDescriptor blob) throws IOException {
        byte[] head = head(blob);
        return head.length < MAGIC_BYTES || compressionOf(head) == Compression.NONE
                ? MediaTypes.DOCKER_LAYER : MediaTypes.DOCKER_LAYER_GZIP;
    }

    private static Compression compressionOf(byte[] b) {
        if (startsWith(b, GZIP_MAGIC)) {
            return Compression.GZIP;
        }
        boolean zstdSkippableFrame = b.length >= 8
                && (ByteBuffer.wrap(b, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & ZSTD_SKIPPABLE_MASK) == ZSTD_SKIPPABLE_START;
        return startsWith(b, ZSTD_MAGIC) || zstdSkippableFrame ? Compression.ZSTD : Compression.NONE;
    }

    /** {@return the first {@value #MAGIC_BYTES} bytes of the blob, or all of a shorter one} */
    private byte[] head(ImageDescriptor blob) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(MAGIC_BYTES);
        try (ReaderAt reader = content.readerAt(blob.digest())) {
            while (head.hasRemaining() && reader.read(head, head.position()) > 0) {
                continue;
            }
        }
        return Arrays.copyOf(head.array(), head.position());
    }

    /**
     * Upstream's {@code compressBlob}: the layer gzipped into a new blob labelled with the
     * layer's digest as {@value ImageKeys#UNCOMPRESSED_LABEL}. Java's deflater makes other bytes than Go's,
     * so the blob's digest differs from the one ctr would write.
     */
    private ImageDescriptor compress(ImageDescriptor layer) throws IOException {
        Path tmp = Files.createTempFile("jctr-compress-", ".tar.gz");
        try {
            MessageDigest sha = DigestAlgorithm.CANONICAL.newMessageDigest();
            try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(tmp), sha))) {
                content.read(layer.digest(), out);
            }
            Digest digest = Digest.of(DigestAlgorithm.CANONICAL, sha.digest());
            long size = Files.size(tmp);
            try (InputStream in = Files.newInputStream(tmp)) {
                content.write("compress-blob-" + layer.digest().algorithm().text() + "-" + layer.digest().hex(), in,
                        size, digest, Map.of(ImageKeys.UNCOMPRESSED_LABEL, layer.digest().toString()));
            }
            return ImageDescriptor.of(MediaTypes.DOCKER_LAYER_GZIP, digest, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes one entry's bytes as a blob, digesting them on the way. */
    private Blob ingest(InputStream entry, long size, String ref) throws IOException {
        return new Blob(content.write(ref, entry, size, null, Map.of()), size);
    }

    private ImageDescriptor writeDocument(byte[] json, String mediaType) throws IOException {
        Digest digest = DigestAlgorithm.CANONICAL.digest(json);
        content.write("manifest-" + digest, new ByteArrayInputStream(json), json.length, digest, Map.of());
        return ImageDescriptor.of(mediaType, digest, json.length);
    }

    private static byte[] readJson(InputStream entry) throws IOException {
        return entry.readNBytes(JSON_LIMIT);
    }

    private static boolean isNull(byte[] json) {
        return new String(json, StandardCharsets.UTF_8).strip().equals("null");
    }

    private static Digest parseOrNull(String s) {
        try {
            return Digest.parse(s);
        } catch (ErrdefsException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static ErrdefsException wrap(ErrdefsException e, String context) {
        return new ErrdefsException(e.kind(), context + ": " + e.getMessage(), e);
    }
}
