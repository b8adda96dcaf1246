package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import io.jcontainerd.it.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code images} through every pairing, on archives skopeo makes from an image built in the test.
 * The first scenario unpacks (into overlayfs snapshots), the others import {@code --no-unpack}. Each test works
 * in its own namespace; runs of tabs and spaces in ctr's padded tables read as one space. Debian's
 * ctr drives our daemon here; jctr's {@code images} commands are compared with ctr's in
 * {@link ImagesJctrOnContainerdIT}.
 */
class ImagesParityIT extends DaemonParityBase {
    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }

    @TempDir
    static Path dir;
    static Path ociArchive;
    static Path dockerArchive;
    static TestImages.Blob manifest;

    @BeforeAll
    static void makeArchives() throws IOException {
        Path layout = dir.resolve("layout");
        manifest = TestImages.ociLayout(layout, "v1", List.of(
                Map.of("etc/hostname", "parity\n", "bin/hello", "#!/bin/sh\necho hello\n"),
                Map.of("etc/motd", "second layer\n")));
        ociArchive = dir.resolve("oci.tar");
        dockerArchive = dir.resolve("docker.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + ociArchive + ":example.com/parity/app:v1");
        TestImages.skopeoCopy(layout, "v1", "docker-archive:" + dockerArchive + ":example.com/parity/app:v1");
    }

    private static String columns(String text) {
        return text.replaceAll("[ \t]+", " ");
    }

    private ProcessResult images(String namespace, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "-n";
        command[1] = namespace;
        command[2] = "images";
        System.arraycopy(args, 0, command, 3, args.length);
        return parity.assertSame(ImagesParityIT::columns, command);
    }

    @Test
    void importAnOciArchiveThenListTagLabelCheckAndRemove() {
        String ns = "ip-oci";
        assertThat(images(ns, "import", ociArchive.toString()).stdout()).startsWith("unpacking example.com/parity/app:v1");
        assertThat(images(ns, "ls").stdout()).contains("example.com/parity/app:v1").contains(manifest.digest());
        images(ns, "ls", "-q");
        images(ns, "check");
        images(ns, "check", "--quiet");
        images(ns, "tag", "example.com/parity/app:v1", "example.com/parity/app:copy");
        images(ns, "tag", "example.com/parity/app:v1", "example.com/parity/app:copy");
        images(ns, "tag", "--force", "example.com/parity/app:v1", "example.com/parity/app:copy");
        images(ns, "tag", "example.com/parity/absent:v1", "x:1");
        images(ns, "label", "example.com/parity/app:copy", "team=infra");
        images(ns, "ls", "labels.team==infra");
        images(ns, "ls", "-q", "name~=copy");
        images(ns, "ls", "name==");
        images(ns, "rm", "example.com/parity/app:copy", "example.com/parity/app:absent");
        images(ns, "ls", "-q");
        images(ns, "rm", "--sync", "example.com/parity/app:v1");
        images(ns, "ls");
        parity.assertSame("-n", ns, "content", "ls", "-q");
        // the unpacked layers went with the image: its config held them through gc.ref.snapshot labels
        assertThat(parity.assertSame("-n", ns, "snapshots", "ls").stdout().lines().skip(1)).isEmpty();
        parity.collectGarbageOnBoth();
    }

    @Test
    void importADockerArchive() {
        String ns = "ip-docker";
        images(ns, "import", "--no-unpack", dockerArchive.toString());
        images(ns, "ls");
        images(ns, "check");
        // the import leaves the archive's uncompressed layers for the collector
        parity.collectGarbageOnBoth();
        parity.assertSame("-n", ns, "content", "ls", "-q");
        images(ns, "rm", "--sync", "example.com/parity/app:v1");
        parity.collectGarbageOnBoth();
    }

    @Test
    void importNamesByIndexNameBaseNameAndDigests() {
        String ns = "ip-names";
        images(ns, "import", "--no-unpack", "--index-name", "example.com/parity/index:v1", ociArchive.toString());
        images(ns, "import", "--no-unpack", "--digests", "--base-name", "example.com/parity/base", ociArchive.toString());
        images(ns, "ls", "-q");
        images(ns, "import", "--no-unpack", "--all-platforms", dockerArchive.toString());
        images(ns, "ls", "-q");
        for (String name : images(ns, "ls", "-q").stdout().lines().toList()) {
            images(ns, "rm", name);
        }
        parity.collectGarbageOnBoth();
    }

    @Test
    void exportWritesWhatContainerdWritesAndItImportsBack() throws IOException {
        String ns = "ip-export";
        parity.ctrOnBoth("-n", ns, "images", "import", ociArchive.toString());
        Path fromContainerd = dir.resolve("export-ref.tar");
        Path fromUs = dir.resolve("export-tested.tar");
        assertThat(parity.ctr("-n", ns, "images", "export", fromContainerd.toString(), "example.com/parity/app:v1")
                .exitCode()).isZero();
        assertThat(parity.tested("-n", ns, "images", "export", fromUs.toString(), "example.com/parity/app:v1")
                .exitCode()).isZero();
        assertThat(Files.readAllBytes(fromUs)).isEqualTo(Files.readAllBytes(fromContainerd));
        ProcessResult inspect = new ProcessRunner(java.time.Duration.ofMinutes(1), Map.of())
                .run(List.of("skopeo", "inspect", "--raw", "oci-archive:" + fromUs));
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        assertThat(TestImages.digestOf(inspect.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(manifest.digest());
        // and what we exported imports into containerd
        assertThat(parity.ctr("-n", ns + "-back", "images", "import", fromUs.toString()).exitCode()).isZero();
        assertThat(parity.ctr("-n", ns + "-back", "images", "check").stdout()).contains("complete (3/3)");
        parity.ctrOnBoth("-n", ns, "images", "rm", "--sync", "example.com/parity/app:v1");
    }
}
