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

    /** Builds one layer's files in an empty directory (as root: owners, modes, devices and xattrs all count). */
    @FunctionalInterface
    public interface LayerStager {
        void stage(Path dir) throws IOException;
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
        List<LayerStager> stagers = new ArrayList<>();
        for (Map<String, String> files : layers) {
            stagers.add(dir -> writeFiles(dir, files));
        }
        return ociLayoutOf(layout, tag, stagers, List.of("--owner=0", "--group=0"));
    }

    /**
     * Writes an OCI image layout whose layers are what {@code stagers} build, owners, modes, special
     * files and xattrs kept (GNU tar with {@code --xattrs}); a file named {@code .wh.<name>} is an OCI whiteout.
     */
    public static Blob ociLayoutStaged(Path layout, String tag, List<LayerStager> stagers) throws IOException {
        return ociLayoutOf(layout, tag, stagers, List.of("--xattrs", "--xattrs-include=*"));
    }

    /** Applets linked to busybox in {@link #busyboxLayout}. */
    private static final List<String> BUSYBOX_APPLETS = List.of("sh", "echo", "sleep", "cat", "ls", "true");

    /**
     * Writes an OCI image layout of a container that can run: Debian's static {@code /bin/busybox}
     * (package busybox-static) with {@code sh}, {@code echo}, {@code sleep}, {@code cat}, {@code ls}
     * and {@code true} linked to it, and the directories runc mounts over.
     */
    public static Blob busyboxLayout(Path layout, String tag) throws IOException {
        return ociLayoutOf(layout, tag, List.of(dir -> {
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
            for (String applet : BUSYBOX_APPLETS) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
            for (String d : List.of("proc", "sys", "dev", "etc", "tmp")) {
                Files.createDirectories(dir.resolve(d));
            }
        }), List.of("--owner=0", "--group=0"));
    }

    /** Writes an OCI image layout whose one layer is {@code tar} as given (gzip-compressed): for layers no tar command would write. */
    public static Blob ociLayoutOfTar(Path layout, String tag, byte[] tar) throws IOException {
        return ociLayoutOfTar(layout, tag, tar, digestOf(tar));
    }

    /** As {@link #ociLayoutOfTar(Path, String, byte[])}, with the config claiming {@code diffId} for the layer. */
    public static Blob ociLayoutOfTar(Path layout, String tag, byte[] tar, String diffId) throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Path file = layout.resolve("raw.tar");
        Files.write(file, tar);
        Blob layer = gzipBlob(layout, file);
        Files.delete(file);
        return writeImage(layout, tag, List.of(layer), List.of("\"" + diffId + "\""));
    }

    /** A tar of regular files named exactly as given (no cleaning): {@code ../x} and {@code /x} included. */
    public static byte[] rawTar(Map<String, String> files) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (var file : files.entrySet()) {
            byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
            byte[] header = new byte[512];
            putAscii(header, 0, file.getKey());
            putAscii(header, 100, "0000644");
            putAscii(header, 108, "0000000");
            putAscii(header, 116, "0000000");
            putAscii(header, 124, String.format("%011o", data.length));
            putAscii(header, 136, "00000000000");
            putAscii(header, 148, "        ");
            header[156] = '0';
            putAscii(header, 257, "ustar");
            putAscii(header, 263, "00");
            int sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            putAscii(header, 148, String.format("%06o", sum));
            header[154] = 0;
            out.writeBytes(header);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void putAscii(byte[] header, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }

    private static Blob ociLayoutOf(Path layout, String tag, List<LayerStager> layers, List<String> tarFlags)
            throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        List<Blob> layerBlobs = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Path stage = Files.createDirectories(layout.resolve("stage-" + i));
            layers.get(i).stage(stage);
            Path tar = tarOf(stage, tarFlags);
            diffIds.add("\"" + digestOf(Files.readAllBytes(tar)) + "\"");
            layerBlobs.add(gzipBlob(layout, tar));
            Files.delete(tar);
        }
        return writeImage(layout, tag, layerBlobs, diffIds);
    }

    private static Blob writeImage(Path layout, String tag, List<Blob> layerBlobs, List<String> diffIds) throws IOException {
        Blob manifestBlob = image(layout, "amd64", layerBlobs, diffIds);
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
            Path stage = Files.createDirectories(layout.resolve("stage-" + arch.getKey()));
            writeFiles(stage, arch.getValue());
            Path tar = tarOf(stage, List.of("--owner=0", "--group=0"));
            String diffId = "\"" + digestOf(Files.readAllBytes(tar)) + "\"";
            Blob layer = gzipBlob(layout, tar);
            Files.delete(tar);
            Blob manifest = image(layout, arch.getKey(), List.of(layer), List.of(diffId));
            entries.add(manifest.json().replaceFirst("}$", ",\"platform\":{\"architecture\":\"" + arch.getKey()
                    + "\",\"os\":\"linux\"}}"));
        }
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + String.join(",", entries) + "]}";
        Blob indexBlob = blob(layout, "application/vnd.oci.image.index.v1+json", index.getBytes(StandardCharsets.UTF_8));
        writeIndexJson(layout, indexBlob, tag);
        return indexBlob;
    }

    /** Writes a linux image for {@code arch} with the given layers into the layout's blobs; {@return its manifest's descriptor} */
    private static Blob image(Path layout, String arch, List<Blob> layerBlobs, List<String> diffIds) throws IOException {
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
        skopeoCopy(layout, tag, destination, List.of());
    }

    /** {@link #skopeoCopy(Path, String, String)} with skopeo's copy options, e.g. {@code --all}, {@code --dest-tls-verify=false}. */
    public static void skopeoCopy(Path layout, String tag, String destination, List<String> options) {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "-q"));
        command.addAll(options);
        command.addAll(List.of("oci:" + layout + ":" + tag, destination));
        ProcessResult r = RUNNER.run(command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("skopeo copy to " + destination + ": " + r);
        }
    }

    /** {@code skopeo copy} of the layout's {@code tag} to a plain-HTTP registry as {@code reference} ({@code host:port/repo:tag}). */
    public static void skopeoPush(Path layout, String tag, String reference) {
        skopeoPush(layout, tag, reference, List.of());
    }

    /** As {@link #skopeoPush(Path, String, String)}, logging in as {@code user:password}. */
    public static void skopeoPush(Path layout, String tag, String reference, String credentials) {
        skopeoPush(layout, tag, reference, List.of("--dest-creds", credentials));
    }

    private static void skopeoPush(Path layout, String tag, String reference, List<String> flags) {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "-q", "--dest-tls-verify=false"));
        command.addAll(flags);
        command.addAll(List.of("oci:" + layout + ":" + tag, "docker://" + reference));
        ProcessResult r = RUNNER.run(command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("skopeo copy to " + reference + ": " + r);
        }
    }

    private static void writeFiles(Path dir, Map<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }

    private static Path tarOf(Path stage, List<String> flags) throws IOException {
        Path tar = stage.resolveSibling(stage.getFileName() + ".tar");
        List<String> command = new ArrayList<>(List.of("tar", "--sort=name", "--mtime=@0", "--numeric-owner"));
        command.addAll(flags);
        command.addAll(List.of("-C", stage.toString(), "-cf", tar.toString(), "."));
        ProcessResult r = RUNNER.run(command);
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
