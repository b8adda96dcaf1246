package io.jcontainerd.services.imagearchive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.image.ImageConfig;
import io.jcontainerd.image.ImageJson;
import io.jcontainerd.image.Layer;
import io.jcontainerd.image.Manifest;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.archive.ArchiveContent;
import io.jcontainerd.image.archive.BlobListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts unpacking before the archive is read to its end: archives list blobs in digest order,
 * so a manifest and its config often come before the layers. Each small JSON blob is looked at;
 * once a manifest and its config (for the platform) are both in, its layers are scheduled, and
 * each goes as soon as its blob is written. Only a head start: the import unpacks what the
 * index names at the end, reusing what got done here. Runs on the thread reading the archive.
 */
final class EarlyUnpack implements BlobListener {
    /** Manifests and configs are small; anything bigger is not looked at. */
    private static final long DOCUMENT_LIMIT = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArchiveContent content;
    private final MatchComparer platform;
    private final LayerUnpacker unpacker;
    private final Map<Digest, Manifest> manifestsByConfig = new HashMap<>();
    private final Map<Digest, ImageConfig> configs = new HashMap<>();

    EarlyUnpack(ArchiveContent content, MatchComparer platform, LayerUnpacker unpacker) {
        this.content = content;
        this.platform = platform;
        this.unpacker = unpacker;
    }

    @Override
    public void ingested(String name, Digest digest, long size) throws IOException {
        unpacker.blobReady(digest);
        if (size > DOCUMENT_LIMIT || size < 2) {
            return;
        }
        byte[] bytes = read(digest, (int) size);
        if (bytes[0] != '{') {
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
                startIfComplete(manifest.config().digest());
            } else if (node.has("rootfs")) {
                configs.put(digest, ImageJson.read(bytes, ImageConfig.class, "config"));
                startIfComplete(digest);
            }
        } catch (RuntimeException e) {
            // a document the end of the import will judge; no head start from it
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
