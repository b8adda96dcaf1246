package io.jcontainerd.plugins.diff;

import static io.jcontainerd.plugins.diff.Sandbox.SYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.sys.FileStat;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.TreeRemover;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * containerd's {@code TestBreakouts} (pkg/archive/tar_test.go), case for case, against our
 * applier. Where upstream clamps a name that climbs above the root and we refuse it
 * ({@code HardlinkDirectRelative}, {@code SymlinkParentDirectory}), the case expects the refusal.
 * {@code WhiteoutRoot}, {@code WhiteoutRootParent}, {@code WhiteoutParent},
 * {@code WhiteoutCurrentDirectory}, {@code SymlinkOverridePath} and {@code HardlinkSymlinkChmod}
 * are in {@link HostileLayersTest} (L12, L10, L09).
 */
class UpstreamBreakoutsTest {
    private static final String UNBROKEN = "unbroken";

    /** One case: what is there before (may be null), the layer, and what must hold after (or the error). */
    private record Case(String name, Layer before, Layer layer, Check check, String error) {
        static Case ok(String name, Layer before, Layer layer, Check check) {
            return new Case(name, before, layer, check, null);
        }

        static Case refused(String name, Layer layer, String error) {
            return new Case(name, null, layer, null, error);
        }
    }

    @FunctionalInterface
    private interface Check {
        void verify(Path root) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> breakouts() {
        Layer etcPasswd = Layer.tar().dir("etc", 0770).file("/etc/passwd", "inside", 0644);
        return Stream.of(
                Case.ok("SymlinkAbsolute", null, Layer.tar().dir("etc", 0755).symlink("localetc", "/etc")
                        .file("/localetc/unbroken", UNBROKEN, 0644), this::unbroken),
                Case.ok("SymlinkUpAndOut", null, Layer.tar().dir("etc", 0755).dir("dummy", 0755)
                        .symlink("localetc", "/dummy/../etc").file("/localetc/unbroken", UNBROKEN, 0644), this::unbroken),
                Case.ok("SymlinkMultipleAbsolute", null, Layer.tar().dir("etc", 0755).dir("dummy", 0755)
                        .symlink("/dummy/etc", "/etc").symlink("localetc", "/dummy/etc")
                        .file("/dummy/etc/unbroken", UNBROKEN, 0644), this::unbroken),
                Case.ok("SymlinkMultipleRelative", null, Layer.tar().dir("etc", 0755).dir("dummy", 0755)
                        .symlink("/dummy/etc", "/etc").symlink("localetc", "./dummy/etc")
                        .file("/dummy/etc/unbroken", UNBROKEN, 0644), this::unbroken),
                Case.ok("SymlinkEmptyFile", null, Layer.tar().dir("etc", 0755).file("etc/emptied", "notempty", 0644)
                        .symlink("localetc", "/etc").file("/localetc/emptied", "", 0644),
                        root -> assertThat(Files.readString(root.resolve("etc/emptied"))).isEmpty()),
                Case.ok("HardlinkRelative", null, with(etcPasswd, Layer.tar().dir("breakouts", 0755)
                        .symlink("breakouts/d1", "../../etc").link("breakouts/mypasswd", "/breakouts/d1/passwd")),
                        sameFile("/breakouts/mypasswd", "/etc/passwd")),
                Case.ok("HardlinkDownAndOut", null, with(etcPasswd, Layer.tar().dir("breakouts", 0755)
                        .dir("downandout", 0755).symlink("breakouts/d1", "../downandout/../../etc")
                        .link("breakouts/mypasswd", "/breakouts/d1/passwd")), sameFile("/breakouts/mypasswd", "/etc/passwd")),
                Case.ok("HardlinkAbsolute", null, with(etcPasswd, Layer.tar().symlink("localetc", "/etc")
                        .link("localpasswd", "/localetc/passwd")), sameFile("localpasswd", "/etc/passwd")),
                Case.ok("HardlinkRelativeLong", null, with(etcPasswd, Layer.tar()
                        .symlink("localetc", "../../../../../../../etc").link("localpasswd", "/localetc/passwd")),
                        sameFile("localpasswd", "/etc/passwd")),
                Case.ok("HardlinkRelativeUpAndOut", null, with(etcPasswd, Layer.tar()
                        .symlink("localetc", "upandout/../../../etc").link("localpasswd", "/localetc/passwd")),
                        sameFile("localpasswd", "/etc/passwd")),
                Case.refused("HardlinkDirectRelative (upstream clamps)", with(etcPasswd, Layer.tar()
                        .link("localpasswd", "../../../../../etc/passwd")), "escapes the root"),
                Case.ok("HardlinkDirectAbsolute", null, with(etcPasswd, Layer.tar().link("localpasswd", "/etc/passwd")),
                        sameFile("localpasswd", "/etc/passwd")),
                Case.refused("SymlinkParentDirectory (upstream skips)", with(etcPasswd, Layer.tar().symlink("..", "/etc/")
                        .link("localpasswd", "/etc/passwd")), "name \"..\" escapes the root"),
                Case.ok("SymlinkParentRelative", null, with(etcPasswd, Layer.tar().symlink("localetc/sub/..", "/etc/")
                        .link("/localetc/localpasswd", "/etc/passwd")), sameFile("/localetc/localpasswd", "/etc/passwd")),
                Case.ok("SymlinkSlashEnded", null, with(etcPasswd, Layer.tar().dir("localetc/", 0770)
                        .link("/localetc/localpasswd", "/etc/passwd")), sameFile("/localetc/localpasswd", "/etc/passwd")),
                Case.ok("SymlinkOverrideDirectory", with(etcPasswd, Layer.tar().dir("localetc", 0755)),
                        Layer.tar().symlink("localetc", "/etc").link("/localetc/localpasswd", "/etc/passwd"),
                        sameFile("/localetc/localpasswd", "/etc/passwd")),
                Case.ok("SymlinkOverrideDirectoryRelative", with(etcPasswd, Layer.tar().dir("localetc", 0755)),
                        Layer.tar().symlink("localetc", "../../etc").link("/localetc/localpasswd", "/etc/passwd"),
                        sameFile("/localetc/localpasswd", "/etc/passwd")),
                Case.ok("DirectoryOverrideSymlink", with(etcPasswd, Layer.tar().symlink("localetc", "/etc")),
                        Layer.tar().dir("/localetc/", 0755).link("/localetc/localpasswd", "/etc/passwd"),
                        sameFile("/localetc/localpasswd", "/etc/passwd")),
                Case.ok("DirectoryOverrideSymlinkAndHardlink", with(etcPasswd, Layer.tar().symlink("localetc", "etc")
                        .link("/localetc/localpasswd", "/etc/passwd")),
                        Layer.tar().dir("/localetc/", 0755).file("/localetc/localpasswd", "different", 0644),
                        root -> assertThat(inode(root, "/localetc/localpasswd")).isNotEqualTo(inode(root, "/etc/passwd"))),
                Case.ok("WhiteoutSymlink", Layer.tar().dir("etc", 0755).file("etc/passwd", "all users", 0644)
                        .symlink("localetc", "/etc"), Layer.tar().whiteout("localetc"), root -> {
                            assertThat(Files.readString(root.resolve("etc/passwd"))).isEqualTo("all users");
                            assertThat(root.resolve("localetc")).doesNotExist();
                        }),
                Case.ok("WhiteoutSymlinkPath", Layer.tar().dir("etc", 0755).file("etc/passwd", "all users", 0644)
                        .file("etc/whitedout", "ahhhh whiteout", 0644).symlink("localetc", "/etc"),
                        Layer.tar().whiteout("localetc/whitedout"), root -> {
                            assertThat(Files.readString(root.resolve("etc/passwd"))).isEqualTo("all users");
                            assertThat(root.resolve("etc/whitedout")).doesNotExist();
                        }),
                Case.ok("WhiteoutDirectoryName", Layer.tar().dir("etc", 0755).file("etc/passwd", "all users", 0644)
                        .symlink("localetc", "/etc"), Layer.tar().file(".wh.etc/somefile", "non-empty", 0644), root -> {
                            assertThat(Files.readString(root.resolve("etc/passwd"))).isEqualTo("all users");
                            assertThat(Files.readString(root.resolve(".wh.etc/somefile"))).isEqualTo("non-empty");
                        }),
                Case.ok("WhiteoutDeadSymlinkParent", Layer.tar().dir("etc", 0755).file("etc/passwd", "all users", 0644)
                        .symlink("localetc", "/dne"), Layer.tar().whiteout("localetc/etc"),
                        root -> assertThat(Files.readString(root.resolve("etc/passwd"))).isEqualTo("all users")),
                Case.ok("WhiteoutRelativePath", Layer.tar().dir("etc", 0755).file("etc/passwd", "all users", 0644)
                        .symlink("localetc", "/dne"), Layer.tar().file("dne/../.wh.etc", "", 0644),
                        root -> assertThat(root.resolve("etc")).doesNotExist()),
                Case.ok("HardlinkSymlinkBeforeCreateTarget", null, Layer.tar().dir("etc", 0770)
                        .symlink("localpasswd", "/etc/passwd").link("localpasswd-dup", "localpasswd")
                        .file("/etc/passwd", "after", 0644), sameFile("localpasswd-dup", "/etc/passwd")),
                Case.ok("HardlinkSymlinkRelative", null, with(etcPasswd, Layer.tar()
                        .symlink("passwdlink", "../../../../../etc/passwd").link("localpasswd", "/passwdlink")),
                        root -> {
                            assertThat(SYS.readlink(raw(root, "localpasswd"))).isEqualTo(SYS.readlink(raw(root, "passwdlink")));
                            sameFile("/localpasswd", "/etc/passwd").verify(root);
                        }),
                Case.ok("HardlinkSymlinkAbsolute", null, with(etcPasswd, Layer.tar()
                        .symlink("passwdlink", "/etc/passwd").link("localpasswd", "/passwdlink")),
                        root -> {
                            assertThat(SYS.readlink(raw(root, "localpasswd"))).isEqualTo(SYS.readlink(raw(root, "passwdlink")));
                            sameFile("/localpasswd", "/etc/passwd").verify(root);
                        }))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    /** {@code SymlinkEmptyFilename}: an entry with an empty name is the root, and skipped. */
    @TestFactory
    Stream<DynamicTest> symlinkEmptyFilename() {
        return Stream.of(DynamicTest.dynamicTest("SymlinkEmptyFilename", () -> {
            byte[] tar = RawTar.tar()
                    .header("etc/", '5', 0, 0770, 0, 0, "")
                    .header("etc/passwd", '0', 6, 0644, 0, 0, "").data("inside".getBytes(StandardCharsets.UTF_8))
                    .header("", '2', 0, 0777, 0, 0, "/etc/")
                    .header("localpasswd", '1', 0, 0644, 0, 0, "/etc/passwd")
                    .end().bytes();
            Path base = Files.createTempDirectory("breakout");
            try {
                Sandbox box = new Sandbox(base);
                box.apply(new ByteArrayInputStream(tar), ApplyOptions.directory());
                sameFile("/localpasswd", "/etc/passwd").verify(box.root);
                box.assertOutsideUntouched();
            } finally {
                new TreeRemover(SYS).removeAll(RawPath.of(base));
            }
        }));
    }

    private void run(Case c) throws Exception {
        Path base = Files.createTempDirectory("breakout");
        try {
            Sandbox box = new Sandbox(base);
            if (c.before() != null) {
                box.apply(c.before());
            }
            if (c.error() != null) {
                assertThatThrownBy(() -> box.apply(c.layer()))
                        .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                        .hasMessageContaining(c.error());
            } else {
                box.apply(c.layer());
                c.check().verify(box.root);
            }
            box.assertOutsideUntouched();
        } finally {
            new TreeRemover(SYS).removeAll(RawPath.of(base));
        }
    }

    private void unbroken(Path root) throws Exception {
        assertThat(Files.readString(root.resolve("etc/unbroken"))).isEqualTo(UNBROKEN);
    }

    /** Both names, resolved inside the root following symlinks (upstream's fs.RootPath), are one inode. */
    private static Check sameFile(String a, String b) {
        return root -> assertThat(inode(root, a)).as(a + " and " + b).isEqualTo(inode(root, b));
    }

    private static long inode(Path root, String name) throws Exception {
        RootResolver resolver = new RootResolver(SYS, RawPath.of(root));
        RawPath path = resolver.lookup(LayerPath.clean(name.getBytes(StandardCharsets.UTF_8), "name").components())
                .orElseThrow(() -> new AssertionError(name + " does not resolve"));
        FileStat st = SYS.lstat(path);
        return st.ino();
    }

    private static RawPath raw(Path root, String name) {
        return RawPath.of(root.resolve(name));
    }

    /** A layer that starts with {@code first}'s entries. */
    private static Layer with(Layer first, Layer rest) {
        return Layer.concat(List.of(first, rest));
    }
}
