package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.FileTree;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import io.jcontainerd.it.support.TestImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same image unpacked by containerd and by jcontainerd (both driven by Debian's ctr: import,
 * then images mount) gives the same tree: every path with its type, mode, owner, size, mtime, link
 * target, device, contents, user xattrs and hard links, whiteouts and opaque directories applied.
 */
class UnpackParityIT extends DaemonParityBase {
    private static final String REF = "example.com/parity/fidelity:v1";
    private static final ProcessRunner SH = new ProcessRunner(Duration.ofMinutes(1), Map.of());

    @TempDir
    static Path dir;
    static Path archive;

    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }

    @BeforeAll
    static void makeArchive() throws IOException {
        Path layout = dir.resolve("layout");
        TestImages.ociLayoutStaged(layout, "v1", List.of(UnpackParityIT::base, UnpackParityIT::changes));
        archive = dir.resolve("fidelity.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + archive + ":" + REF);
    }

    private static void sh(Path dir, String script) {
        ProcessResult r = SH.run(List.of("sh", "-ec", "cd '" + dir + "'; " + script));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(script + ": " + r);
        }
    }

    /** Every kind of entry a layer can hold. */
    private static void base(Path d) throws IOException {
        sh(d, """
                mkdir -p etc usr/bin home/user run dev opaque sticky private
                printf 'root:x:0:0::/root:/bin/sh\\n' > etc/passwd
                printf 'fidelity\\n' > etc/hostname
                printf '#!/bin/sh\\necho tool\\n' > usr/bin/tool && chmod 4755 usr/bin/tool
                ln usr/bin/tool usr/bin/tool2
                ln -s usr/bin bin
                ln -s ../../etc/passwd home/user/passwd-link
                printf 'mine\\n' > home/user/notes && chmod 600 home/user/notes && chown -R 1000:1000 home/user
                mkfifo run/fifo
                mknod dev/null0 c 1 3 && mknod dev/loop9 b 7 9
                printf a > opaque/a && printf b > opaque/b
                printf gone > gone.txt
                chmod 1777 sticky && chmod 700 private && chgrp 50 private
                chmod 2755 usr
                """);
        UserDefinedFileAttributeView view = Files.getFileAttributeView(d.resolve("etc/hostname"),
                UserDefinedFileAttributeView.class);
        view.write("test", ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
    }

    /** A second layer: a whiteout, an opaque directory, a changed file, a type change. */
    private static void changes(Path d) {
        sh(d, """
                mkdir -p opaque etc home/user
                : > .wh.gone.txt
                : > opaque/.wh..wh..opq
                printf c > opaque/c
                printf 'root:x:0:0::/root:/bin/bash\\n' > etc/passwd
                mkdir run && : > run/.wh.fifo && mkdir run/fifo && printf x > run/fifo/now-a-dir
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlayfs", "native"})
    void bothDaemonsUnpackTheSameTree(String snapshotter) throws IOException {
        String ns = "unpack-" + snapshotter;
        parity.ctrOnBoth("-n", ns, "images", "import", "--snapshotter", snapshotter, archive.toString());
        Path reference = Files.createDirectories(dir.resolve("ref-" + snapshotter));
        Path tested = Files.createDirectories(dir.resolve("tested-" + snapshotter));
        try {
            assertThat(parity.ctr("-n", ns, "images", "mount", "--snapshotter", snapshotter, REF, reference.toString())
                    .exitCode()).isZero();
            assertThat(parity.tested("-n", ns, "images", "mount", "--snapshotter", snapshotter, REF, tested.toString())
                    .exitCode()).isZero();
            Map<String, String> expected = FileTree.of(reference);
            // the fixture holds what it claims, so the comparison below has something to compare
            assertThat(expected).doesNotContainKey("gone.txt").doesNotContainKey("opaque/a").containsKey("opaque/c")
                    .containsKey("run/fifo/now-a-dir");
            assertThat(expected.get("usr/bin/tool2")).contains("mode=104755").contains("hardlink=usr/bin/tool");
            assertThat(expected.get("etc/hostname")).contains("xattrs={test=hello}");
            assertThat(expected.get("dev/loop9")).contains("mode=60644");
            assertThat(expected.get("home/user/notes")).contains("uid=1000 gid=1000");
            assertThat(FileTree.of(tested)).isEqualTo(expected);
        } finally {
            parity.ctr("-n", ns, "images", "unmount", "--rm", reference.toString());
            parity.tested("-n", ns, "images", "unmount", "--rm", tested.toString());
        }
    }
}
