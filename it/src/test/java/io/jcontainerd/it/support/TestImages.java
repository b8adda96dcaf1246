package io.jcontainerd.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Small OCI images built in test code (layers are tars of files the test names), written as an
 * OCI image layout, and turned by skopeo into the archives users import: {@code oci-archive} and
 * {@code docker-archive}. Everything is deterministic, so both daemons see the same digests.
 */
public final class TestImages {
    private static final ProcessRunner RUNNER = new ProcessRunner(Duration.ofMinutes(2), Map.of());

    /** A blob written into the layout. */
    public record Blob(String mediaType, String digest, long size) {
        String json() {
            return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
        }
    }

    private TestImages() {
    }

    /**
     * Writes an OCI image layout under {@code layout} holding one linux/amd64 image tagged {@code tag},
     * one gzip layer per map of path to file content.
     *
     * @return the manifest's descriptor
     */
    public static Blob ociLayout(Path layout, String tag, List<Map<String, String>> layers) throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Blob manifestBlob = image(layout, "amd64", layers);
        writeIndexJson(layout, manifestBlob, tag);
        return manifestBlob;
    }

    /**
     * Writes an OCI image layout under {@code layout} whose {@code tag} is an index with one linux
     * image per architecture ({@code amd64}, {@code arm64}…), each of one gzip layer with the files given.
     *
     * @return the index's descriptor
     */
    public static Blob ociIndexLayout(Path layout, String tag, Map<String, Map<String, String>> filesByArch)
            throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        List<String> entries = new ArrayList<>();
        for (var arch : new java.util.TreeMap<>(filesByArch).entrySet()) {
            Blob manifest = image(layout, arch.getKey(), List.of(arch.getValue()));
            entries.add(manifest.json().replaceFirst("}$", ",\"platform\":{\"architecture\":\"" + arch.getKey()
                    + "\",\"os\":\"linux\"}}"));
        }
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + String.join(",", entries) + "]}";
        Blob indexBlob = blob(layout, "application/vnd.oci.image.index.v1+json", index.getBytes(StandardCharsets.UTF_8));
        writeIndexJson(layout, indexBlob, tag);
        return indexBlob;
    }

    /** Writes a linux image for {@code arch} into the layout's blobs; {@return its manifest's descriptor} */
    private static Blob image(Path layout, String arch, List<Map<String, String>> layers) throws IOException {
        List<Blob> layerBlobs = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Path tar = tarOf(layout.resolve("stage-" + arch + "-" + i), layers.get(i));
            diffIds.add("\"" + digestOf(Files.readAllBytes(tar)) + "\"");
            layerBlobs.add(gzipBlob(layout, tar));
            Files.delete(tar);
        }
        String config = "{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/sh\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}";
        Blob configBlob = blob(layout, "application/vnd.oci.image.config.v1+json", config.getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":" + configBlob.json() + ",\"layers\":["
                + String.join(",", layerBlobs.stream().map(Blob::json).toList()) + "]}";
        return blob(layout, "application/vnd.oci.image.manifest.v1+json", manifest.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeIndexJson(Path layout, Blob target, String tag) throws IOException {
        String ref = target.json().replaceFirst("}$", ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
                + tag + "\"}}");
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + ref + "]}");
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    /** Archives a whole layout as it is (for images skopeo would narrow to one platform), deterministically. */
    public static void tarLayout(Path layout, Path archive) {
        ProcessResult r = RUNNER.run(List.of("tar", "--sort=name", "--mtime=@0", "--owner=0", "--group=0",
                "--numeric-owner", "-C", layout.toString(), "-cf", archive.toString(), "."));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("tar: " + r);
        }
    }

    /** {@code skopeo copy} of the layout's {@code tag} into {@code destination} (e.g. {@code oci-archive:/x.tar:name}). */
    public static void skopeoCopy(Path layout, String tag, String destination) {
        ProcessResult r = RUNNER.run(List.of("skopeo", "--insecure-policy", "copy", "-q",
                "oci:" + layout + ":" + tag, destination));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("skopeo copy to " + destination + ": " + r);
        }
    }

    private static Path tarOf(Path stage, Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Path path = stage.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Path tar = stage.resolveSibling(stage.getFileName() + ".tar");
        ProcessResult r = RUNNER.run(List.of("tar", "--sort=name", "--mtime=@0", "--owner=0", "--group=0",
                "--numeric-owner", "-C", stage.toString(), "-cf", tar.toString(), "."));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("tar: " + r);
        }
        TempDirs.delete(stage);
        return tar;
    }

    private static Blob gzipBlob(Path layout, Path tar) throws IOException {
        Path tmp = layout.resolve("blobs/sha256/tmp");
        MessageDigest sha = sha256();
        try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(tmp), sha))) {
            Files.copy(tar, out);
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        Path blob = layout.resolve("blobs/sha256").resolve(hex);
        Files.move(tmp, blob);
        return new Blob("application/vnd.oci.image.layer.v1.tar+gzip", "sha256:" + hex, Files.size(blob));
    }

    private static Blob blob(Path layout, String mediaType, byte[] data) throws IOException {
        String digest = digestOf(data);
        Files.write(layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())), data);
        return new Blob(mediaType, digest, data.length);
    }

    public static String digestOf(byte[] data) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(data));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
