package io.jcontainerd.services.transfer.pull;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decompressions of one unpack's layers, a window of {@value #WINDOW} wide: when a layer is
 * applied, its decompression and the next layer's run, so the next one inflates while this one's
 * files are written (on 2 cores the apply is otherwise bound by one core's inflate). The layer
 * being applied reads its compressed bytes from its download while that hands them on; the ones
 * ahead read them from content once downloaded, so that they never hold a download back (a held
 * download keeps one of the pull's download slots). Layers whose snapshots exist are never
 * decompressed, except the one after the last applied. Closing stops what nobody took and frees
 * the layers' memory ({@link NativeChunks}).
 */
final class LayerDecompressions implements AutoCloseable {
    static final int WINDOW = 2;

    private final List<Layer> layers;
    private final LayerDownloads downloads;
    private final ContentStore content;
    private final NativeChunks chunks = new NativeChunks(DecompressedLayer.CHUNK_BYTES);
    /** Decompressions started and not handed out yet. */
    private final Map<Integer, DecompressedLayer> started = new HashMap<>();

    LayerDecompressions(List<Layer> layers, LayerDownloads downloads, ContentStore content) {
        this.layers = layers;
        this.downloads = downloads;
        this.content = content;
    }

    /** {@return layer {@code index}'s tar, for its apply to read and close}; starts the window's next ones */
    synchronized InputStream tar(int index) {
        DecompressedLayer tar = started.remove(index);
        if (tar == null) {
            tar = start(index, true);
        }
        for (int i = index + 1; i < Math.min(layers.size(), index + WINDOW); i++) {
            started.computeIfAbsent(i, ahead -> start(ahead, false));
        }
        return tar;
    }

    private DecompressedLayer start(int index, boolean fromDownload) {
        ImageDescriptor blob = layers.get(index).blob();
        return new DecompressedLayer(() -> compressed(blob, fromDownload), chunks, "layer-inflate-" + index);
    }

    private InputStream compressed(ImageDescriptor blob, boolean fromDownload) throws IOException, InterruptedException {
        if (fromDownload) {
            Optional<InputStream> streamed = downloads.stream(blob);
            if (streamed.isPresent()) {
                return streamed.get();
            }
        }
        downloads.await(blob);
        return content.stream(blob.digest());
    }

    /** Stops what nobody took and frees the chunks; the layers handed out must be closed by now. */
    @Override
    public synchronized void close() {
        started.values().forEach(DecompressedLayer::close);
        started.clear();
        chunks.close();
    }
}
