package io.jcontainerd.plugins.snapshots.nativecopy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcontainerd.plugins.snapshots.Mounted;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeCopyTest {
    private static final Syscalls SYS = new LinuxSyscalls();
    private static final FileTime OLD = FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z"));

    @TempDir
    Path tmp;

    private static Object attr(Path p, String name) throws IOException {
        return Files.getAttribute(p, name, LinkOption.NOFOLLOW_LINKS);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    private static void setTimes(Path p) throws IOException {
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(OLD, OLD, null);
    }

    @Test
    void copies_types_modes_owners_links_xattrs_and_times() throws Exception {
        assumeTrue(Mounted.isRoot(), "owners and device nodes need root");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path bin = Files.createDirectories(src.resolve("bin"));
        Path setuid = bin.resolve("setuid");
        Files.writeString(setuid, "#!/bin/sh\n");
        Files.setAttribute(setuid, "unix:uid", 1234);
        Files.setAttribute(setuid, "unix:gid", 5678);
        Files.setAttribute(setuid, "unix:mode", 04755);
        Files.getFileAttributeView(setuid, UserDefinedFileAttributeView.class)
                .write("origin", ByteBuffer.wrap("layer".getBytes(StandardCharsets.UTF_8)));
        Files.createLink(bin.resolve("hardlink"), setuid);
        Path sticky = Files.createDirectories(src.resolve("tmp"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        Files.createSymbolicLink(src.resolve("link"), Path.of("bin/setuid"));
        Files.setAttribute(src.resolve("link"), "unix:uid", 42, LinkOption.NOFOLLOW_LINKS);
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("/no/such/target"));
        run("mkfifo", "-m", "0620", src.resolve("fifo").toString());
        run("mknod", src.resolve("null").toString(), "c", "1", "3");
        Files.setAttribute(src.resolve("null"), "unix:uid", 7);
        Files.setAttribute(src, "unix:mode", 0750);
        for (Path p : new Path[] {setuid, sticky, src.resolve("link"), src.resolve("null"), bin, src}) {
            setTimes(p);
        }

        Path dst = tmp.resolve("dst");
        TreeCopy.copy(SYS, src, dst);

        assertThat(attr(dst, "unix:mode")).isEqualTo(attr(src, "unix:mode"));
        assertThat(attr(dst, "lastModifiedTime")).isEqualTo(OLD);
        Path copied = dst.resolve("bin/setuid");
        assertThat(copied).hasContent("#!/bin/sh");
        assertThat(attr(copied, "unix:mode")).isEqualTo(0100000 | 04755);
        assertThat(attr(copied, "unix:uid")).isEqualTo(1234);
        assertThat(attr(copied, "unix:gid")).isEqualTo(5678);
        assertThat(attr(copied, "lastModifiedTime")).isEqualTo(OLD);
        ByteBuffer xattr = ByteBuffer.allocate(16);
        Files.getFileAttributeView(copied, UserDefinedFileAttributeView.class).read("origin", xattr.clear());
        assertThat(new String(xattr.array(), 0, xattr.position(), StandardCharsets.UTF_8)).isEqualTo("layer");
        assertThat(attr(dst.resolve("bin/hardlink"), "unix:ino")).isEqualTo(attr(copied, "unix:ino"));
        assertThat(attr(copied, "unix:nlink")).isEqualTo(2);
        assertThat(attr(dst.resolve("tmp"), "unix:mode")).isEqualTo(0040000 | 01777);
        assertThat(attr(dst.resolve("bin"), "lastModifiedTime")).isEqualTo(OLD);
        assertThat(Files.readSymbolicLink(dst.resolve("link"))).isEqualTo(Path.of("bin/setuid"));
        assertThat(attr(dst.resolve("link"), "unix:uid")).isEqualTo(42);
        assertThat(attr(dst.resolve("link"), "lastModifiedTime")).isEqualTo(OLD);
        assertThat(Files.readSymbolicLink(dst.resolve("dangling"))).isEqualTo(Path.of("/no/such/target"));
        assertThat(attr(dst.resolve("fifo"), "unix:mode")).isEqualTo(0010000 | 0620);
        assertThat(attr(dst.resolve("null"), "unix:rdev")).isEqualTo(attr(src.resolve("null"), "unix:rdev"));
        assertThat(attr(dst.resolve("null"), "unix:mode")).isEqualTo(attr(src.resolve("null"), "unix:mode"));
        assertThat(attr(dst.resolve("null"), "unix:uid")).isEqualTo(7);
        assertThat(attr(dst.resolve("null"), "lastModifiedTime")).isEqualTo(OLD);
    }

    @Test
    void symlinks_to_directories_are_copied_as_links_not_followed() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "x");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.createSymbolicLink(src.resolve("escape"), outside);

        TreeCopy.copy(SYS, src, tmp.resolve("dst"));

        assertThat(Files.readSymbolicLink(tmp.resolve("dst/escape"))).isEqualTo(outside);
        try (var entries = Files.list(tmp.resolve("dst"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("escape");
        }
    }
}
