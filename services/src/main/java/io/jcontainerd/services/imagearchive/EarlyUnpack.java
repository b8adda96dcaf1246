package io.jcontainerd.services.imagearchive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.image.ImageConfig;
import io.jcontainerd.image.ImageJson;
import io.jcontainerd.image.Layer;
import io.jcontainerd.image.Manifest;
import io.jcontainerd.image.MediaTypes;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.archive.ArchiveContent;
import io.jcontainerd.image.archive.ArchiveScan;
import io.jcontainerd.image.archive.BlobListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts unpacking before the archive is read to its end: archives list blobs in digest order,
 * so a manifest and its config often come before the layers. Each small JSON blob is looked at;
 * once a manifest and its config (for the platform) are both in, its layers are scheduled, and
 * each goes as soon as its blob is written. Before that, layers are applied ahead of their
 * parents ({@link LayerUnpacker#applyAhead}): the first manifest's, or before any manifest, blobs
 * that look like layers of the one config. Only a head start: the
 * import unpacks what the index names at the end, reusing what got done here. Runs on the thread
 * reading the archive.
 */
final class EarlyUnpack implements BlobListener {
    /** Manifests and configs are small; anything bigger is not looked at. */
    private static final long DOCUMENT_LIMIT = 4 << 20;
    /** Enough of a blob to tell a layer by its magic numbers (a tar's is at 257). */
    private static final int LAYER_HEAD = 512;
    private static final System.Logger LOG = System.getLogger(EarlyUnpack.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BLOBS = "blobs/";

    private final ArchiveContent content;
    /** The archive, where it is a file read at random: layers go ahead from their place in it. */
    private final Optional<ReaderAt> archive;
    private final MatchComparer platform;
    private final LayerUnpacker unpacker;
    private final Map<Digest, Manifest> manifestsByConfig = new HashMap<>();
    private final Map<Digest, ImageConfig> configs = new HashMap<>();
    /** Blobs applied ahead for looking like layers, before any manifest said so. */
    private int guessedLayers;

    EarlyUnpack(ArchiveContent content, Optional<ReaderAt> archive, MatchComparer platform, LayerUnpacker unpacker) {
        this.content = content;
        this.archive = archive;
        this.platform = platform;
        this.unpacker = unpacker;
    }

    /**
     * Where the archive is a file: learns from its headers where every blob is before it is read
     * in order, so that layers a manifest names go ahead from there at once, not once their blobs
     * are written. An archive whose headers do not scan has its layers go ahead from its blobs.
     */
    void scanArchive() {
        if (archive.isEmpty()) {
            return;
        }
        try {
            ReaderAt file = archive.get();
            for (ArchiveScan.Entry entry : ArchiveScan.regularFiles(file)) {
                nameDigest(entry.name()).ifPresent(digest -> unpacker.blobReadable(digest,
                        () -> file.slice(entry.offset(), entry.size()).stream(0)));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "archive not scanned ahead: " + e.getMessage());
        }
    }

    /** {@return the digest an OCI layout's blob is named by, {@code blobs/<algorithm>/<hex>}} */
    private static Optional<Digest> nameDigest(String name) {
        if (!name.startsWith(BLOBS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Digest.parse(name.substring(BLOBS.length()).replace('/', ':')));
        } catch (ErrdefsException e) {
            return Optional.empty();
        }
    }

    @Override
    public void ingested(String name, Digest digest, long size) throws IOException {
        unpacker.blobReady(digest);
        if (archive.isPresent() && digest.equals(nameDigest(name).orElse(null))) {
            unpacker.blobVerifiedInArchive(digest);
        }
        if (size < 2) {
            return;
        }
        byte[] bytes = read(digest, (int) Math.min(size, size <= DOCUMENT_LIMIT ? size : LAYER_HEAD));
        if (bytes[0] != '{') {
            applyAheadIfLayer(digest, size, bytes);
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            return; // not JSON: nothing to learn
        }
        try {
            if (node.has("config") && node.has("layers")) {
                Manifest manifest = ImageJson.read(bytes, Manifest.class, "manifest");
                manifestsByConfig.put(manifest.config().digest(), manifest);
                if (manifestsByConfig.size() == 1 && !configs.containsKey(manifest.config().digest())) {
                    applyAhead(manifest);
                }
                startIfComplete(manifest.config().digest());
            } else if (node.has("rootfs")) {
                configs.put(digest, ImageJson.read(bytes, ImageConfig.class, "config"));
                startIfComplete(digest);
            }
        } catch (RuntimeException e) {
            // a document the end of the import will judge; no head start from it
        }
    }

    /**
     * Before any manifest, with the one config so far for the platform: a blob that reads as a
     * layer (gzip, zstd or tar) is applied ahead. Its diff ID, known once applied, tells its place
     * when the manifest comes; one that is no layer of the config is removed at the end. At most
     * as many as the config has layers.
     */
    private void applyAheadIfLayer(Digest digest, long size, byte[] head) {
        if (!manifestsByConfig.isEmpty() || configs.size() != 1 || guessedLayers >= configLayers()) {
            return;
        }
        ImageConfig config = configs.values().iterator().next();
        if (!platform.match(Platform.of(config.os(), config.architecture(), config.variant()))) {
            return;
        }
        layerMediaType(head).ifPresent(mediaType -> {
            guessedLayers++;
            unpacker.applyAhead(Descriptor.of(mediaType, digest, size));
        });
    }

    private int configLayers() {
        ImageConfig config = configs.values().iterator().next();
        return config.rootFs() == null ? 0 : config.rootFs().diffIds().size();
    }

    /** {@return the layer media type the first bytes of a blob show, by their magic numbers} */
    private static Optional<String> layerMediaType(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Optional.of(MediaTypes.OCI_LAYER_GZIP);
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return Optional.of(MediaTypes.OCI_LAYER_ZSTD);
        }
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
            return Optional.of(MediaTypes.OCI_LAYER);
        }
        return Optional.empty();
    }

    /**
     * The layers above the first go ahead of their chain as their blobs come. Only for an
     * archive's first manifest: with several (platforms), which one is unpacked is not known yet.
     */
    private void applyAhead(Manifest manifest) {
        for (int i = 1; i < manifest.layers().size(); i++) {
            unpacker.applyAhead(manifest.layers().get(i).toDescriptor());
        }
    }

    private void startIfComplete(Digest configDigest) {
        Manifest manifest = manifestsByConfig.get(configDigest);
        ImageConfig config = configs.get(configDigest);
        if (manifest == null || config == null || config.rootFs() == null) {
            return;
        }
        Platform of = Platform.of(config.os(), config.architecture(), config.variant());
        List<Digest> diffIds = config.rootFs().diffIds();
        if (!platform.match(of) || diffIds.size() != manifest.layers().size()) {
            return;
        }
        List<Layer> layers = new ArrayList<>(diffIds.size());
        for (int i = 0; i < diffIds.size(); i++) {
            layers.add(new Layer(manifest.layers().get(i), diffIds.get(i)));
        }
        unpacker.schedule(layers);
    }

    private byte[] read(Digest digest, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        try (ReaderAt reader = content.readerAt(digest)) {
            while (buffer.hasRemaining() && reader.read(buffer, buffer.position()) > 0) {
                continue;
            }
        }
        return buffer.array();
    }
}
