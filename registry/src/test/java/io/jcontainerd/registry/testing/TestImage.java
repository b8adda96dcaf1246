package io.jcontainerd.registry.testing;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.image.ContainerConfig;
import io.jcontainerd.image.ImageConfig;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.ImageJson;
import io.jcontainerd.image.Manifest;
import io.jcontainerd.image.MediaTypes;
import io.jcontainerd.image.RootFs;
import io.jcontainerd.registry.BlobSource;
import io.jcontainerd.registry.PushStatus;
import io.jcontainerd.registry.Pusher;
import io.jcontainerd.registry.Resolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** A small OCI image made in memory: one gzip layer, its config and manifest, written with {@link ImageJson}. */
public final class TestImage {
    public final ImageDescriptor layer;
    public final ImageDescriptor config;
    public final ImageDescriptor manifest;
    private final Map<Digest, byte[]> blobs = new LinkedHashMap<>();

    /** @param layerSize bytes of (incompressible) layer content; the seed makes each image's bytes its own */
    public TestImage(int layerSize, long seed) {
        byte[] content = new byte[layerSize];
        new Random(seed).nextBytes(content);
        Digest diffId = DigestAlgorithm.CANONICAL.digest(content);
        layer = put(MediaTypes.OCI_LAYER_GZIP, gzip(content));
        ImageConfig imageConfig = new ImageConfig("2024-01-01T00:00:00Z", "", "amd64", "", "linux", "", List.of(),
                ContainerConfig.EMPTY, new RootFs("layers", List.of(diffId)), List.of());
        config = put(MediaTypes.OCI_CONFIG, ImageJson.write(imageConfig));
        manifest = put(MediaTypes.OCI_MANIFEST, ImageJson.write(new Manifest(2, MediaTypes.OCI_MANIFEST, config, List.of(layer), Map.of())));
    }

    /** Pushes layer, config and the manifest under the reference's tag; {@return how the manifest push ended} */
    public PushStatus pushTo(Resolver resolver, String reference) {
        Pusher pusher = resolver.pusher(reference);
        pusher.push(layer, source(layer));
        pusher.push(config, source(config));
        return pusher.pushTagged(manifest, source(manifest));
    }

    public byte[] bytes(ImageDescriptor descriptor) {
        return blobs.get(descriptor.digest()).clone();
    }

    public BlobSource source(ImageDescriptor descriptor) {
        return BlobSource.of(bytes(descriptor));
    }

    public String manifestText() {
        return new String(bytes(manifest), StandardCharsets.UTF_8);
    }

    private ImageDescriptor put(String mediaType, byte[] bytes) {
        Digest digest = DigestAlgorithm.CANONICAL.digest(bytes);
        blobs.put(digest, bytes);
        return ImageDescriptor.of(mediaType, digest, bytes.length);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
