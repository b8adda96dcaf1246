package io.jcontainerd.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxSyscallsTest {
    private final Syscalls sys = new LinuxSyscalls();

    @TempDir
    Path tmp;

    private RawPath dir() {
        return RawPath.of(tmp);
    }

    private void requireRoot() {
        assumeTrue(sys.geteuid() == 0, "needs root");
    }

    @Test
    void lstatDescribesAFileAndNamesTheCallPathAndErrnoWhenMissing() throws Exception {
        Files.writeString(tmp.resolve("f"), "hello");
        FileStat st = sys.lstat(dir().resolve("f"));
        assertThat(st.type()).isEqualTo(FileType.REGULAR);
        assertThat(st.size()).isEqualTo(5);
        assertThat(st.nlink()).isEqualTo(1);

        RawPath missing = dir().resolve("missing");
        assertThatThrownBy(() -> sys.lstat(missing))
                .isInstanceOfSatisfying(SyscallException.class, e -> {
                    assertThat(e.is(Errno.ENOENT)).isTrue();
                    assertThat(e.call()).isEqualTo("lstat");
                    assertThat(e.path()).contains(missing.toString());
                })
                .hasMessage("lstat " + missing + ": ENOENT (No such file or directory)");
        assertThat(sys.lstatIfExists(missing)).isEmpty();
    }

    @Test
    void symlinkTargetsAndNamesAreKeptByteForByte() throws Exception {
        byte[] latin1Name = {'c', 'a', 'f', (byte) 0xe9}; // not valid UTF-8
        byte[] target = "../a//b/".getBytes(StandardCharsets.UTF_8);
        RawPath link = dir().resolve(latin1Name);
        sys.symlink(target, link);

        assertThat(sys.readlink(link)).isEqualTo(target);
        assertThat(sys.lstat(link).isSymlink()).isTrue();
        assertThat(sys.readdir(dir())).singleElement().isEqualTo(latin1Name);
    }

    @Test
    void readdirListsNamesWithoutDotsAndNeverThroughASymlink() throws Exception {
        Files.createDirectory(tmp.resolve("d"));
        Files.writeString(tmp.resolve("d/a"), "");
        Files.createDirectory(tmp.resolve("d/b"));
        Files.createSymbolicLink(tmp.resolve("via"), tmp.resolve("d"));

        assertThat(sys.readdir(dir().resolve("d")))
                .map(n -> new String(n, StandardCharsets.UTF_8)).containsExactlyInAnyOrder("a", "b");
        assertThatThrownBy(() -> sys.readdir(dir().resolve("via")))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isIn(Errno.ENOTDIR, Errno.ELOOP));
    }

    @Test
    void readdirEntriesStateEachEntrysTypeAsTheFileSystemFillsItIn() throws Exception {
        Files.writeString(tmp.resolve("file"), "");
        Files.createDirectory(tmp.resolve("dir"));
        Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("dir"));

        Map<String, Optional<FileType>> types = new HashMap<>();
        for (DirEntry e : sys.readdirEntries(dir())) {
            types.put(new String(e.name(), StandardCharsets.UTF_8), e.type());
        }
        assertThat(types).containsOnly(entry("file", Optional.of(FileType.REGULAR)),
                entry("dir", Optional.of(FileType.DIRECTORY)), entry("link", Optional.of(FileType.SYMLINK)));
    }

    @Test
    void lstatCountsAllocatedBlocksSoASparseFileHoldsFewerThanItsSize() throws Exception {
        try (RandomAccessFile sparse = new RandomAccessFile(tmp.resolve("sparse").toFile(), "rw")) {
            sparse.setLength(1 << 30);
        }
        Files.write(tmp.resolve("full"), new byte[100_000]);

        assertThat(sys.lstat(dir().resolve("sparse")).blocks()).isLessThan(1 << 11);
        assertThat(sys.lstat(dir().resolve("full")).blocks() * 512).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void lutimesSetsNanosecondTimesOnTheLinkNotItsTarget() throws Exception {
        Path target = Files.writeString(tmp.resolve("target"), "");
        Instant targetMtime = Files.getLastModifiedTime(target).toInstant();
        RawPath link = dir().resolve("link");
        sys.symlink("target".getBytes(StandardCharsets.UTF_8), link);

        Instant atime = Instant.parse("2001-02-03T04:05:06.123456789Z");
        Instant mtime = Instant.parse("1999-12-31T23:59:59.987654321Z");
        sys.lutimes(link, atime, mtime);

        FileStat st = sys.lstat(link);
        assertThat(st.mtime()).isEqualTo(mtime);
        assertThat(st.atime()).isEqualTo(atime);
        assertThat(Files.getLastModifiedTime(target).toInstant()).isEqualTo(targetMtime);
    }

    @Test
    void lchmodSetsSpecialBitsAndRefusesSymlinksWithoutTouchingTheTarget() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        sys.lchmod(dir().resolve("f"), 04755);
        assertThat(sys.lstat(dir().resolve("f")).permissions()).isEqualTo(04755);
        sys.lchmod(dir().resolve("f"), 01700);
        assertThat(sys.lstat(dir().resolve("f")).permissions()).isEqualTo(01700);

        RawPath link = dir().resolve("link");
        sys.symlink("f".getBytes(StandardCharsets.UTF_8), link);
        assertThatThrownBy(() -> sys.lchmod(link, 0777))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.is(Errno.EOPNOTSUPP)).isTrue());
        assertThat(sys.lstat(dir().resolve("f")).permissions()).isEqualTo(01700);
    }

    @Test
    void openWriteReadRoundTripAndExclusiveNoFollowCreation() throws Exception {
        RawPath file = dir().resolve("data");
        int fd = sys.open(file, Linux.O_WRONLY | Linux.O_CREAT | Linux.O_EXCL | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0640);
        byte[] payload = "xxpayloadxx".getBytes(StandardCharsets.UTF_8);
        try {
            assertThat(sys.write(fd, payload, 2, 7)).isEqualTo(7);
        } finally {
            sys.close(fd);
        }
        assertThat(Files.readString(tmp.resolve("data"))).isEqualTo("payload");

        fd = sys.open(file, Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        byte[] buf = new byte[16];
        try {
            assertThat(sys.read(fd, buf, 3, 13)).isEqualTo(7);
            assertThat(sys.read(fd, buf, 0, 16)).isZero();
        } finally {
            sys.close(fd);
        }
        assertThat(new String(buf, 3, 7, StandardCharsets.UTF_8)).isEqualTo("payload");

        assertThatThrownBy(() -> sys.open(file, Linux.O_WRONLY | Linux.O_CREAT | Linux.O_EXCL, 0600))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.is(Errno.EEXIST)).isTrue());
        RawPath link = dir().resolve("link");
        sys.symlink("data".getBytes(StandardCharsets.UTF_8), link);
        assertThatThrownBy(() -> sys.open(link, Linux.O_WRONLY | Linux.O_NOFOLLOW, 0))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.is(Errno.ELOOP)).isTrue());
    }

    @Test
    void hardLinkToASymlinkNamesTheSymlinkItself() throws Exception {
        Files.writeString(tmp.resolve("target"), "");
        RawPath symlink = dir().resolve("sym");
        sys.symlink("target".getBytes(StandardCharsets.UTF_8), symlink);
        RawPath second = dir().resolve("second");
        sys.link(symlink, second);

        FileStat st = sys.lstat(second);
        assertThat(st.isSymlink()).isTrue();
        assertThat(st.ino()).isEqualTo(sys.lstat(symlink).ino());
        assertThat(st.nlink()).isEqualTo(2);
        assertThat(sys.lstat(dir().resolve("target")).nlink()).isEqualTo(1);
    }

    @Test
    void mkdirUnlinkAndRmdir() throws Exception {
        RawPath d = dir().resolve("d");
        sys.mkdir(d, 0700);
        assertThat(sys.lstat(d).isDirectory()).isTrue();
        RawPath f = d.resolve("f");
        sys.close(sys.open(f, Linux.O_WRONLY | Linux.O_CREAT | Linux.O_CLOEXEC, 0600));
        assertThatThrownBy(() -> sys.rmdir(d))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.is(Errno.ENOTEMPTY)).isTrue());
        sys.unlink(f);
        sys.rmdir(d);
        assertThat(sys.lstatIfExists(d)).isEmpty();
    }

    @Test
    void openatReaddirAndUnlinkatWorkRelativeToADirectoryDescriptorAndNeverFollowALink() throws Exception {
        Files.createDirectories(tmp.resolve("d/sub"));
        Files.writeString(tmp.resolve("d/sub/f"), "");
        Files.createSymbolicLink(tmp.resolve("d/link"), tmp.resolve("d/sub"));
        int flags = Linux.O_RDONLY | Linux.O_DIRECTORY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC;
        int d = sys.open(dir().resolve("d"), flags, 0);
        try {
            assertThatThrownBy(() -> sys.openat(d, RawPath.of("link"), flags, 0))
                    .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isIn(Errno.ENOTDIR, Errno.ELOOP));
            int sub = sys.openat(d, RawPath.of("sub"), flags, 0);
            try {
                assertThat(sys.readdirEntries(sub)).singleElement()
                        .satisfies(e -> assertThat(e.name()).isEqualTo("f".getBytes(StandardCharsets.UTF_8)))
                        .satisfies(e -> assertThat(e.type()).contains(FileType.REGULAR));
                sys.unlinkat(sub, RawPath.of("f"), 0);
            } finally {
                sys.close(sub);
            }
            assertThatThrownBy(() -> sys.unlinkat(d, RawPath.of("sub"), 0))
                    .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.is(Errno.EISDIR)).isTrue());
            sys.unlinkat(d, RawPath.of("sub"), Linux.AT_REMOVEDIR);
            sys.unlinkat(d, RawPath.of("link"), 0);
        } finally {
            sys.close(d);
        }
        assertThat(tmp.resolve("d")).isEmptyDirectory();
    }

    @Test
    void mknodMakesFifosAndDevices() throws Exception {
        requireRoot();
        RawPath fifo = dir().resolve("fifo");
        sys.mknod(fifo, Linux.S_IFIFO | 0620, 0);
        assertThat(sys.lstat(fifo).type()).isEqualTo(FileType.FIFO);

        RawPath dev = dir().resolve("null");
        sys.mknod(dev, Linux.S_IFCHR | 0666, Linux.makedev(1, 3));
        FileStat st = sys.lstat(dev);
        assertThat(st.type()).isEqualTo(FileType.CHAR_DEVICE);
        assertThat(Linux.major(st.rdev())).isEqualTo(1);
        assertThat(Linux.minor(st.rdev())).isEqualTo(3);

        RawPath big = dir().resolve("big");
        sys.mknod(big, Linux.S_IFBLK | 0600, Linux.makedev(4095, 1048575));
        assertThat(Linux.major(sys.lstat(big).rdev())).isEqualTo(4095);
        assertThat(Linux.minor(sys.lstat(big).rdev())).isEqualTo(1048575);
    }

    @Test
    void lchownSetsLargeIdsAndRefusesOnesThatWouldWrap() throws Exception {
        requireRoot();
        RawPath link = dir().resolve("link");
        sys.symlink("nowhere".getBytes(StandardCharsets.UTF_8), link);
        sys.lchown(link, 1234, 4294967294L);
        FileStat st = sys.lstat(link);
        assertThat(st.uid()).isEqualTo(1234);
        assertThat(st.gid()).isEqualTo(4294967294L);

        assertThatThrownBy(() -> sys.lchown(link, 4294967295L, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sys.lchown(link, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sys.lchown(link, 0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xattrsRoundTripBinaryValuesInTrustedAndUserNamespaces() throws Exception {
        requireRoot();
        Files.writeString(tmp.resolve("f"), "");
        RawPath f = dir().resolve("f");
        byte[] binary = {0, 1, (byte) 0xff, (byte) 0xc3, 0x28};
        sys.lsetxattr(f, "trusted.overlay.opaque", new byte[] {'y'}, 0);
        sys.lsetxattr(f, "user.binary", binary, Linux.XATTR_CREATE);

        assertThat(sys.lgetxattr(f, "trusted.overlay.opaque")).contains(new byte[] {'y'});
        assertThat(sys.lgetxattr(f, "user.binary")).contains(binary);
        assertThat(sys.lgetxattr(f, "user.absent")).isEmpty();
        assertThat(sys.llistxattr(f)).contains("trusted.overlay.opaque", "user.binary");
        assertThatThrownBy(() -> sys.lsetxattr(f, "user.binary", binary, Linux.XATTR_CREATE))
                .isInstanceOfSatisfying(SyscallException.class, e -> {
                    assertThat(e.is(Errno.EEXIST)).isTrue();
                    assertThat(e.getMessage()).startsWith("lsetxattr user.binary " + f);
                });
    }

    @Test
    void mountsAndUnmountsATmpfs() throws Exception {
        requireRoot();
        Path target = Files.createDirectory(tmp.resolve("mnt"));
        RawPath mountPoint = RawPath.of(target);
        sys.mount("jcontainerd-test", mountPoint, "tmpfs", Linux.MS_NODEV | Linux.MS_NOSUID, "size=1m,mode=0711");
        try {
            Files.writeString(target.resolve("inside"), "x");
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo"));
            assertThat(mounts).anyMatch(l -> l.contains(" " + target + " ") && l.contains(" - tmpfs jcontainerd-test "));
            assertThat(sys.lstat(mountPoint).permissions()).isEqualTo(0711);
        } finally {
            sys.umount2(mountPoint, 0);
        }
        assertThat(target.resolve("inside")).doesNotExist();
        assertThatThrownBy(() -> sys.umount2(mountPoint, 0))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.is(Errno.EINVAL)).isTrue());
    }

    @Test
    void errnoNamesComeFromTheCLibrary() {
        assertThat(Errno.ENOENT.name()).isEqualTo("ENOENT");
        assertThat(Errno.EOPNOTSUPP.name()).isEqualTo("EOPNOTSUPP");
        assertThat(Errno.EACCES.description()).isEqualTo("Permission denied");
        assertThat(new Errno(9999).name()).isEqualTo("errno 9999");
    }

    @Test
    void pollReportsWhichDescriptorHasDataAndWhichWriterHungUp() throws Exception {
        int[] quiet = sys.pipe();
        int[] busy = sys.pipe();
        try {
            int[] fds = {quiet[0], busy[0]};
            short[] events = {Linux.POLLIN, Linux.POLLIN};
            short[] revents = new short[2];
            assertThat(sys.poll(fds, events, revents, 0)).isZero();
            sys.write(busy[1], new byte[] {1}, 0, 1);
            assertThat(sys.poll(fds, events, revents, 1000)).isEqualTo(1);
            assertThat(revents[0]).isZero();
            assertThat(revents[1] & Linux.POLLIN).isNotZero();
            sys.close(quiet[1]);
            quiet[1] = -1;
            assertThat(sys.poll(fds, events, revents, 1000)).isEqualTo(2);
            assertThat(revents[0] & Linux.POLLHUP).isNotZero();
        } finally {
            for (int fd : new int[] {quiet[0], quiet[1], busy[0], busy[1]}) {
                if (fd >= 0) {
                    sys.close(fd);
                }
            }
        }
    }
}
