package io.jcontainerd.client;

import io.jcontainerd.image.Platform;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the daemon pulls an image ({@link TransferClient#pull}).
 *
 * @param imageName   the image to create; empty for the reference itself
 * @param platforms   whose content to fetch; empty for the daemon's platform
 * @param allMetadata fetch every manifest and config of an index (layers only for {@code platforms})
 * @param unpack      unpack the fetched platforms into snapshots
 * @param snapshotter where to unpack; empty for the daemon's choice per platform
 * @param hostDir     the daemon-side hosts.toml directory; empty for the daemon's {@code config_path}
 * @param plainHttp   unconfigured registries are spoken to over plain HTTP
 * @param headers     added to every registry request
 * @param credentials answers the daemon's credential questions, per registry host
 * @param labels      set on the image
 */
public record PullOptions(String imageName, List<Platform> platforms, boolean allMetadata, boolean unpack,
                          String snapshotter, String hostDir, boolean plainHttp, Map<String, String> headers,
                          CredentialSource credentials, Map<String, String> labels) {
    /** Credentials for a registry host: username and secret (an empty username means the secret is a refresh token). */
    public record Login(String username, String secret) {
        public Login {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(secret, "secret");
        }
    }

    @FunctionalInterface
    public interface CredentialSource {
        CredentialSource NONE = host -> Optional.empty();

        Optional<Login> forHost(String host);
    }

    public PullOptions {
        Objects.requireNonNull(imageName, "imageName");
        platforms = List.copyOf(platforms);
        Objects.requireNonNull(snapshotter, "snapshotter");
        Objects.requireNonNull(hostDir, "hostDir");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(credentials, "credentials");
        labels = Map.copyOf(labels);
    }

    /** The image named as the reference, the daemon's platform, unpacked, no credentials. */
    public static PullOptions defaults() {
        return new PullOptions("", List.of(), false, true, "", "", false, Map.of(), CredentialSource.NONE, Map.of());
    }

    public PullOptions withPlainHttp(boolean plain) {
        return new PullOptions(imageName, platforms, allMetadata, unpack, snapshotter, hostDir, plain, headers, credentials, labels);
    }

    public PullOptions withHostDir(String dir) {
        return new PullOptions(imageName, platforms, allMetadata, unpack, snapshotter, dir, plainHttp, headers, credentials, labels);
    }

    public PullOptions withPlatforms(List<Platform> wanted, boolean allMetadataToo) {
        return new PullOptions(imageName, wanted, allMetadataToo, unpack, snapshotter, hostDir, plainHttp, headers, credentials, labels);
    }

    public PullOptions withUnpack(boolean doUnpack, String into) {
        return new PullOptions(imageName, platforms, allMetadata, doUnpack, into, hostDir, plainHttp, headers, credentials, labels);
    }

    public PullOptions withCredentials(CredentialSource source) {
        return new PullOptions(imageName, platforms, allMetadata, unpack, snapshotter, hostDir, plainHttp, headers, source, labels);
    }

    public PullOptions withLabels(Map<String, String> imageLabels) {
        return new PullOptions(imageName, platforms, allMetadata, unpack, snapshotter, hostDir, plainHttp, headers, credentials,
                imageLabels);
    }

    public PullOptions withImageName(String name) {
        return new PullOptions(name, platforms, allMetadata, unpack, snapshotter, hostDir, plainHttp, headers, credentials, labels);
    }
}
