package io.jcontainerd.services.transfer;

import io.jcontainerd.image.Platforms;
import java.util.List;
import java.util.Objects;

/**
 * {@code [plugins."io.containerd.transfer.v1.local"]}, containerd 2.x's keys.
 *
 * @param maxConcurrentDownloads      blobs of one pull fetched at the same time
 * @param maxConcurrentUploadedLayers blobs of one push sent at the same time
 * @param configPath                  hosts.toml directory for pulls that name none
 * @param unpackConfig                the platform/snapshotter pairs a pull may unpack into
 */
public record TransferConfig(int maxConcurrentDownloads, int maxConcurrentUploadedLayers, String configPath,
                             List<UnpackConfig> unpackConfig) {
    public TransferConfig {
        if (maxConcurrentDownloads < 1) {
            throw new IllegalArgumentException("max_concurrent_downloads must be at least 1, not " + maxConcurrentDownloads);
        }
        if (maxConcurrentUploadedLayers < 1) {
            throw new IllegalArgumentException("max_concurrent_uploaded_layers must be at least 1, not " + maxConcurrentUploadedLayers);
        }
        Objects.requireNonNull(configPath, "config_path");
        unpackConfig = List.copyOf(unpackConfig);
    }

    /** Upstream's defaults on Linux: 3 and 3, no hosts directory, the host platform into overlayfs. */
    public static TransferConfig defaults() {
        return new TransferConfig(3, 3, "", List.of(new UnpackConfig(Platforms.defaultString(), "overlayfs")));
    }

    /**
     * One {@code [[unpack_config]]} entry.
     *
     * @param platform    e.g. {@code linux/amd64}
     * @param snapshotter the snapshotter layers of that platform are unpacked into
     */
    public record UnpackConfig(String platform, String snapshotter) {
        public UnpackConfig {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(snapshotter, "snapshotter");
        }
    }
}
