package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import io.jcontainerd.it.support.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jctr's client-side {@code images} commands (list, check, import with unpack, export, mount,
 * unmount) against ctr's, both on Debian's containerd: same output, and the same content,
 * snapshots and leases left in the daemon (read by ctr on both). Exported files must hold ctr's
 * entries byte for byte (but for the order of images in manifest.json, random in ctr), pass
 * {@code skopeo inspect} and import into containerd. Each test works in
 * its own namespace; a path a side works on reads {@code <path>} in what it prints.
 */
class ImagesJctrOnContainerdIT extends DaemonParityBase {
    static final String NAME = "example.com/parity/app:v1";
    private static final String MULTI = "example.com/parity/multi:v2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProcessRunner RUNNER = new ProcessRunner(Duration.ofMinutes(2), Map.of());

    @TempDir
    static Path archives;
    static Path ociArchive;
    static Path dockerArchive;
    static Path multiArchive;

    /** Where each side mounts or exports, by test; unmounted after each test, before the directory goes. */
    @TempDir
    Path work;

    @BeforeAll
    static void makeArchives() throws IOException {
        Path layout = archives.resolve("layout");
        TestImages.ociLayout(layout, "v1", List.of(
                Map.of("etc/hostname", "parity\n", "bin/hello", "#!/bin/sh\necho hello\n"),
                Map.of("etc/motd", "second layer\n", "etc/hostname", "replaced\n")));
        ociArchive = archives.resolve("oci.tar");
        dockerArchive = archives.resolve("docker.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + ociArchive + ":" + NAME);
        TestImages.skopeoCopy(layout, "v1", "docker-archive:" + dockerArchive + ":" + NAME);
        Path multiLayout = archives.resolve("multi");
        TestImages.ociIndexLayout(multiLayout, "v2", Map.of(
                "amd64", Map.of("etc/arch", "amd64\n"),
                "arm64", Map.of("etc/arch", "arm64\n")));
        multiArchive = archives.resolve("multi.tar");
        TestImages.tarLayout(multiLayout, multiArchive);
    }

    @AfterEach
    void unmountLeftovers() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String mountPoint = line.split(" ")[1];
            if (mountPoint.startsWith(work.toString())) {
                RUNNER.run(List.of("umount", "-l", mountPoint));
            }
        }
    }

    private ProcessResult images(String namespace, String... args) {
        return parity.assertSame(command(namespace, "images", args));
    }

    private static String[] command(String namespace, String group, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "-n";
        command[1] = namespace;
        command[2] = group;
        System.arraycopy(args, 0, command, 3, args.length);
        return command;
    }

    /**
     * Runs {@code args} on both sides, each with its own path for the word {@code <path>}
     * ({@code reference} for ctr, {@code tested} for jctr), and asserts the same results with the
     * paths read back as {@code <path>}.
     */
    private ProcessResult sameWithPaths(Path reference, Path tested, String namespace, String group, String... args) {
        ProcessResult expected = parity.ctr(command(namespace, group, withPath(args, reference)))
                .map(text -> text.replace(reference.toString(), "<path>"));
        ProcessResult actual = parity.tested(command(namespace, group, withPath(args, tested)))
                .map(text -> text.replace(tested.toString(), "<path>"));
        assertThat(actual).as("%s %s", group, String.join(" ", args)).isEqualTo(expected);
        return actual;
    }

    /** {@link #sameWithPaths} with Debian's ctr on both sides: the state each client left, with its own path. */
    private ProcessResult sameStateWithPaths(Path reference, Path tested, String namespace, String group, String... args) {
        ProcessResult expected = parity.ctr(command(namespace, group, withPath(args, reference)))
                .map(text -> text.replace(reference.toString(), "<path>"));
        ProcessResult actual = parity.ctrOnTested(command(namespace, group, withPath(args, tested)))
                .map(text -> text.replace(tested.toString(), "<path>"));
        assertThat(actual).as("state by ctr: %s %s", group, String.join(" ", args)).isEqualTo(expected);
        return actual;
    }

    private static String[] withPath(String[] args, Path path) {
        return Arrays.stream(args).map(a -> a.replace("<path>", path.toString())).toArray(String[]::new);
    }

    /** Blobs with their labels (ctr prints labels in Go's random map order; ages differ). */
    private static String contentState(String ls) {
        return ls.lines().skip(1).map(line -> {
            String[] columns = line.split("\t+");
            String labels = columns[columns.length - 1];
            return columns[0] + " " + columns[1] + " " + Arrays.stream(labels.split(",")).sorted()
                    .collect(Collectors.joining(","));
        }).collect(Collectors.joining("\n"));
    }

    private void sameState(String ns) {
        parity.collectGarbageOnBoth();
        parity.assertSameState(ImagesJctrOnContainerdIT::contentState, "-n", ns, "content", "ls");
        parity.assertSameState(UnaryOperator.identity(), "-n", ns, "snapshots", "ls");
        parity.assertSameState(UnaryOperator.identity(), "-n", ns, "leases", "ls", "-q");
    }

    @Test
    void importOciArchiveUnpacksThenListAndCheck() {
        String ns = "ij-oci";
        ProcessResult imported = images(ns, "import", ociArchive.toString());
        assertThat(imported.stdout()).startsWith("unpacking " + NAME + " (sha256:").endsWith(")...done\n");
        assertThat(images(ns, "ls").stdout()).contains(NAME).contains("linux/amd64");
        images(ns, "ls", "-q");
        images(ns, "ls", "name==" + NAME);
        images(ns, "ls", "name==absent");
        images(ns, "ls", "name==");
        assertThat(images(ns, "check").stdout()).contains("complete (3/3)").contains("true\n");
        images(ns, "check", "-q");
        images(ns, "check", "--snapshotter", "native");
        images(ns, "check", "--snapshotter", "bogus");
        images(ns, "label", NAME, "team=infra");
        images(ns, "ls");
        sameState(ns);
        // the same archive again: snapshots exist, nothing is applied twice
        images(ns, "import", ociArchive.toString());
        sameState(ns);
    }

    @Test
    void importDockerArchiveThenCheck() {
        String ns = "ij-docker";
        images(ns, "import", dockerArchive.toString());
        images(ns, "ls");
        images(ns, "check");
        sameState(ns);
    }

    @Test
    void compressBlobsGzipsUncompressedDockerLayers() {
        String ns = "ij-compress";
        // Go's gzip and Java's make other bytes, so blob digests and sizes differ; what they hold does not
        UnaryOperator<String> withoutBlobs = text -> text.replaceAll("sha256:[0-9a-f]{64}", "<digest>")
                .replaceAll("\\d+\\.\\d B/\\d+\\.\\d B", "<size>").replaceAll(" +", " ");
        parity.assertSame(withoutBlobs, command(ns, "images", "import", "--compress-blobs", dockerArchive.toString()));
        assertThat(parity.assertSame(withoutBlobs, command(ns, "images", "check")).stdout())
                .contains("complete (3/3) <size> true");
        // the same layers unpacked: the same chain of snapshots
        parity.assertSameState(UnaryOperator.identity(), "-n", ns, "snapshots", "ls");
        parity.assertSameState(ImagesJctrOnContainerdIT::uncompressedLabels, "-n", ns, "content", "ls");
    }

    /** The diff IDs the blobs are labelled with. */
    private static String uncompressedLabels(String ls) {
        return ls.lines().flatMap(line -> Arrays.stream(line.split("[\t,]")))
                .filter(label -> label.startsWith("containerd.io/uncompressed=")).sorted().collect(Collectors.joining("\n"));
    }

    @Test
    void importWithoutUnpackLeavesImagesPacked() {
        String ns = "ij-packed";
        assertThat(images(ns, "import", "--no-unpack", ociArchive.toString()).stdout()).isEmpty();
        assertThat(images(ns, "check").stdout()).contains("false\n");
        images(ns, "check", "-q");
        sameState(ns);
        // a layer deleted behind the image's back: ls logs the size it could not finish, check counts it missing
        String layer = parity.ctr("-n", ns, "content", "ls").stdout().lines()
                .flatMap(line -> Arrays.stream(line.split("[\t,]")))
                .filter(label -> label.startsWith("containerd.io/gc.ref.content.l.1="))
                .map(label -> label.substring(label.indexOf('=') + 1)).findFirst().orElseThrow();
        parity.ctrOnBoth("-n", ns, "content", "rm", layer);
        images(ns, "ls");
        assertThat(images(ns, "check").stdout()).contains("incomplete (2/3)");
        images(ns, "check", "-q");
    }

    @Test
    void importNamesIndexesDigestsAndPlatforms() {
        String base = "example.com/parity/multi";
        images("ij-all", "import", "--all-platforms", "--index-name", "example.com/parity/index:1", "--digests",
                "--base-name", base, multiArchive.toString());
        images("ij-all", "ls");
        images("ij-all", "check");
        sameState("ij-all");

        images("ij-arm", "import", "--platform", "linux/arm64", "--digests", multiArchive.toString());
        images("ij-arm", "ls");
        images("ij-arm", "check");
        sameState("ij-arm");

        images("ij-named", "import", "--digests", "--skip-digest-for-named", "--base-name", base, multiArchive.toString());
        images("ij-named", "import", "--base-name", "example.com/other", multiArchive.toString());
        images("ij-named", "ls", "-q");
        sameState("ij-named");
    }

    @Test
    void importRefusals() throws IOException {
        String ns = "ij-refused";
        images(ns, "import", archives.resolve("absent.tar").toString());
        images(ns, "import");
        images(ns, "import", "--skip-digest-for-named", ociArchive.toString());
        images(ns, "import", "--platform", "bogus/x/y/z", ociArchive.toString());
        Path notAnArchive = archives.resolve("not-an-archive.tar");
        Files.writeString(notAnArchive, "just text, no tar\n".repeat(64));
        images(ns, "import", notAnArchive.toString());
        byte[] docker = Files.readAllBytes(dockerArchive);
        for (int length : new int[] {100, 1500, 3000, docker.length - 1024}) {
            Path truncated = archives.resolve("truncated-" + length + ".tar");
            Files.write(truncated, Arrays.copyOf(docker, length));
            images(ns, "import", truncated.toString());
        }
        images(ns, "import", dockerArchive.toString(), "--index-name", "x");
        images(ns, "ls");
    }

    @Test
    void importFromStdin() {
        String ns = "ij-stdin";
        parity.assertSameReading(dockerArchive, UnaryOperator.identity(), command(ns, "images", "import", "-"));
        images(ns, "ls");
        sameState(ns);
    }

    @Test
    void exportWritesCtrsBytes() throws IOException {
        String ns = "ij-export";
        images(ns, "import", "--no-unpack", ociArchive.toString());
        images(ns, "import", "--no-unpack", "--base-name", "example.com/parity/multi", "--all-platforms",
                "--index-name", "example.com/parity/index:1", multiArchive.toString());
        images(ns, "tag", NAME, "docker.io/library/app:latest");
        for (List<String> flags : List.of(List.<String>of(), List.of("--skip-manifest-json"),
                List.of("--skip-non-distributable"))) {
            assertSameExport(ns, flags, NAME);
        }
        assertSameExport(ns, List.of(), NAME, "docker.io/library/app:latest");
        assertSameExport(ns, List.of(), MULTI);
        assertSameExport(ns, List.of("--all-platforms"), MULTI);
        assertSameExport(ns, List.of("--platform", "linux/arm64"), MULTI);
        assertSameExport(ns, List.of("--platform", "linux/arm64", "--platform", "linux/amd64"), MULTI, NAME);
        assertSameExport(ns, List.of("--platform", "linux/s390x"), MULTI);
        // the index of the archive holds an index, which ctr cannot put into manifest.json
        assertSameExport(ns, List.of(), "example.com/parity/index:1");
        assertSameExport(ns, List.of("--skip-manifest-json"), "example.com/parity/index:1");
        assertSameExport(ns, List.of(), NAME, "example.com/parity/absent:v1");
        assertSameExport(ns, List.of("--platform", "bogus/x/y/z"), NAME);
        images(ns, "export");
        images(ns, "export", work.resolve("only-file.tar").toString());
        // to stdout: the same bytes as to a file
        ProcessResult toStdout = images(ns, "export", "-", NAME);
        assertThat(toStdout.stdout()).isNotEmpty();
    }

    /** Exports with {@code flags} on both sides into their own files; the results and the files' bytes must match. */
    private void assertSameExport(String ns, List<String> flags, String... names) throws IOException {
        Path reference = work.resolve("reference.tar");
        Path tested = work.resolve("tested.tar");
        Files.deleteIfExists(reference);
        Files.deleteIfExists(tested);
        List<String> args = new ArrayList<>(List.of("export"));
        args.addAll(flags);
        args.add("<path>");
        args.addAll(List.of(names));
        sameWithPaths(reference, tested, ns, "images", args.toArray(String[]::new));
        assertThat(Files.exists(tested)).isEqualTo(Files.exists(reference));
        if (Files.exists(reference)) {
            assertThat(tarEntries(tested)).as("export %s", args).isEqualTo(tarEntries(reference));
            if (names.length == 1) {
                // one image: one order only, so the very bytes
                assertThat(Files.readAllBytes(tested)).as("export %s", args).isEqualTo(Files.readAllBytes(reference));
            }
            assertThat(Files.size(tested)).isEqualTo(Files.size(reference));
        }
    }

    /**
     * A tar file's entries (header fields and content), in order. ctr lists the images of
     * manifest.json in Go's random map order, so its entries count as a set: they are sorted here.
     */
    private static List<String> tarEntries(Path file) throws IOException {
        List<String> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(file))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String content = new String(tar.readAllBytes(), StandardCharsets.ISO_8859_1);
                if (e.getName().equals("manifest.json")) {
                    content = JSON.readTree(content).valueStream().map(JsonNode::toString).sorted().toList().toString();
                }
                entries.add(e.getName() + " " + Integer.toOctalString(e.getMode()) + " " + e.getSize() + " "
                        + (char) e.getLinkFlag() + " " + e.getModTime().getTime() + "\n" + content);
            }
        }
        return entries;
    }

    @Test
    void exportedArchivesReadInSkopeoAndContainerd() throws IOException {
        String ns = "ij-roundtrip";
        images(ns, "import", "--no-unpack", ociArchive.toString());
        images("ij-roundtrip-docker", "import", "--no-unpack", dockerArchive.toString());
        Path exported = work.resolve("exported.tar");
        Path exportedDocker = work.resolve("exported-docker.tar");
        assertThat(parity.tested("-n", ns, "images", "export", exported.toString(), NAME).exitCode()).isZero();
        assertThat(parity.tested("-n", "ij-roundtrip-docker", "images", "export", exportedDocker.toString(), NAME)
                .exitCode()).isZero();
        // skopeo reads OCI manifests from the layout (a Docker manifest there it skips, in ctr's files too)
        assertSkopeoReads("oci-archive:" + exported + ":v1");
        assertSkopeoReads("docker-archive:" + exported);
        assertSkopeoReads("docker-archive:" + exportedDocker);
        // containerd imports what jctr exported, and jctr what ctr exported
        for (Path file : List.of(exported, exportedDocker)) {
            ProcessResult intoContainerd = parity.ctr("-n", "ij-roundtrip-in", "images", "import", file.toString());
            assertThat(intoContainerd.exitCode()).as("%s", intoContainerd).isZero();
            assertThat(parity.ctr("-n", "ij-roundtrip-in", "images", "check").stdout())
                    .contains(NAME).contains("complete (3/3)").contains("true");
        }
        Path fromCtr = work.resolve("from-ctr.tar");
        parity.ctr("-n", ns, "images", "export", fromCtr.toString(), NAME);
        images("ij-roundtrip-back", "import", fromCtr.toString());
        images("ij-roundtrip-back", "check");
    }

    private static void assertSkopeoReads(String image) {
        ProcessResult inspected = RUNNER.run(List.of("skopeo", "inspect", image));
        assertThat(inspected.exitCode()).as("skopeo inspect %s: %s", image, inspected).isZero();
        assertThat(inspected.stdout()).contains("\"Architecture\": \"amd64\"");
    }

    @Test
    void mountShowsTheRootFilesystemAndUnmountRemovesIt() throws IOException {
        String ns = "ij-mount";
        images(ns, "import", "--no-unpack", ociArchive.toString());
        // paths of one length, so that tables align alike once they read <path>
        Path reference = Files.createDirectories(work.resolve("ref"));
        Path tested = Files.createDirectories(work.resolve("tst"));
        ProcessResult mounted = sameWithPaths(reference, tested, ns, "images", "mount", NAME, "<path>");
        assertThat(mounted.exitCode()).isZero();
        assertThat(mounted.stdout()).matches("sha256:[0-9a-f]{64}\n<path>\n");
        assertThat(tree(tested)).isEqualTo(tree(reference)).contains("etc/hostname file 644 replaced\n");
        // a second mount of the same target reuses its snapshot
        sameWithPaths(reference, tested, ns, "images", "mount", NAME, "<path>");
        sameStateWithPaths(reference, tested, ns, "leases", "ls", "-q");
        sameStateWithPaths(reference, tested, ns, "snapshots", "ls");
        assertThat(Files.isWritable(tested.resolve("etc"))).isFalse();
        sameWithPaths(reference, tested, ns, "images", "unmount", "<path>");
        assertThat(tree(tested)).isEmpty();
        sameWithPaths(reference, tested, ns, "images", "unmount", "--rm", "<path>");
        sameStateWithPaths(reference, tested, ns, "leases", "ls", "-q");
        sameStateWithPaths(reference, tested, ns, "snapshots", "ls");
        sameState(ns);
    }

    @Test
    void mountReadWriteKeepsWritesInTheSnapshot() throws IOException {
        String ns = "ij-mount-rw";
        images(ns, "import", "--no-unpack", dockerArchive.toString());
        // paths of one length, so that tables align alike once they read <path>
        Path reference = Files.createDirectories(work.resolve("ref"));
        Path tested = Files.createDirectories(work.resolve("tst"));
        sameWithPaths(reference, tested, ns, "images", "mount", "--rw", NAME, "<path>");
        Files.writeString(reference.resolve("etc/written"), "by the test\n");
        Files.writeString(tested.resolve("etc/written"), "by the test\n");
        sameWithPaths(reference, tested, ns, "images", "unmount", "<path>");
        sameWithPaths(reference, tested, ns, "images", "mount", "--rw", NAME, "<path>");
        assertThat(tree(tested)).isEqualTo(tree(reference)).contains("etc/written file 644 by the test\n");
        sameWithPaths(reference, tested, ns, "images", "unmount", "--rm", "<path>");
        sameStateWithPaths(reference, tested, ns, "snapshots", "ls");
    }

    @Test
    void mountRefusals() throws IOException {
        String ns = "ij-mount-refused";
        images(ns, "import", "--no-unpack", ociArchive.toString());
        Path reference = work.resolve("absent-ref");
        Path tested = work.resolve("absent-tst");
        images(ns, "mount");
        images(ns, "mount", NAME);
        images(ns, "unmount");
        sameWithPaths(reference, tested, ns, "images", "mount", "example.com/parity/absent:v1", "<path>");
        sameWithPaths(reference, tested, ns, "images", "mount", "--platform", "bogus/x/y/z", NAME, "<path>");
        // the target does not exist: the mount fails and nothing stays behind
        sameWithPaths(reference, tested, ns, "images", "mount", NAME, "<path>");
        sameStateWithPaths(reference, tested, ns, "leases", "ls", "-q");
        sameStateWithPaths(reference, tested, ns, "snapshots", "ls");
        sameWithPaths(reference, tested, ns, "images", "unmount", "<path>");
        sameWithPaths(reference, tested, ns, "images", "unmount", "--rm", "<path>");
    }

    /** What a mounted tree holds: per entry its path, type, mode, and a file's content or a link's target. */
    private static List<String> tree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).sorted().map(p -> describe(root, p)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Path root, Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String mode = Integer.toOctalString(permissions(a));
            String rel = root.relativize(p).toString();
            if (a.isSymbolicLink()) {
                return rel + " link " + Files.readSymbolicLink(p);
            }
            if (a.isDirectory()) {
                return rel + " dir " + mode;
            }
            return rel + " file " + mode + " " + Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int permissions(PosixFileAttributes a) {
        String s = PosixFilePermissions.toString(a.permissions());
        int mode = 0;
        for (int i = 0; i < 9; i++) {
            mode = mode << 1 | (s.charAt(i) == '-' ? 0 : 1);
        }
        return mode;
    }
}
