package io.jcontainerd.image;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Builds image documents as hand-written JSON (not through {@link ImageJson}) into a {@link MemoryContent}. */
final class TestImages {
    final MemoryContent content = new MemoryContent();

    /** A layer blob whose uncompressed form is {@code text}; its diff ID is that text's digest. */
    ImageDescriptor layer(String mediaType, String text) {
        return content.put(mediaType, text);
    }

    static Digest diffId(String text) {
        return DigestAlgorithm.CANONICAL.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    ImageDescriptor config(String mediaType, String os, String arch, Digest... diffIds) {
        String ids = Arrays.stream(diffIds).map(d -> "\"" + d + "\"").collect(Collectors.joining(","));
        return content.put(mediaType, "{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\",\"config\":{\"Cmd\":[\"sh\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]}}");
    }

    ImageDescriptor manifest(String mediaType, ImageDescriptor config, ImageDescriptor... layers) {
        return content.put(mediaType, "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":" + json(config)
                + ",\"layers\":[" + Arrays.stream(layers).map(TestImages::json).collect(Collectors.joining(",")) + "]}");
    }

    ImageDescriptor index(String mediaType, ImageDescriptor... manifests) {
        return index(mediaType, List.of(manifests));
    }

    ImageDescriptor index(String mediaType, List<ImageDescriptor> manifests) {
        return content.put(mediaType, "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":["
                + manifests.stream().map(TestImages::json).collect(Collectors.joining(",")) + "]}");
    }

    static ImageDescriptor on(ImageDescriptor manifest, String specifier) {
        return manifest.withPlatform(Platforms.parse(specifier));
    }

    static String json(ImageDescriptor d) {
        StringBuilder b = new StringBuilder("{\"mediaType\":\"").append(d.mediaType()).append("\",\"digest\":\"")
                .append(d.digest()).append("\",\"size\":").append(d.size());
        Platform p = d.platform();
        if (p != null) {
            b.append(",\"platform\":{\"architecture\":\"").append(p.architecture()).append("\",\"os\":\"").append(p.os()).append('"');
            if (!p.variant().isEmpty()) {
                b.append(",\"variant\":\"").append(p.variant()).append('"');
            }
            if (!p.osVersion().isEmpty()) {
                b.append(",\"os.version\":\"").append(p.osVersion()).append('"');
            }
            b.append('}');
        }
        return b.append('}').toString();
    }
}
