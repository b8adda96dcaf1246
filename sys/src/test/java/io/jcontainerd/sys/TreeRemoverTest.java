package io.jcontainerd.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeRemoverTest {
    private static final Syscalls SYS = new LinuxSyscalls();

    @TempDir
    Path tmp;

    private final TreeRemover remover = new TreeRemover(SYS);

    @Test
    void removesNestedDirectoriesFilesAndFifos() throws Exception {
        Files.createDirectories(tmp.resolve("top/a/b/c"));
        Files.writeString(tmp.resolve("top/file"), "x");
        Files.writeString(tmp.resolve("top/a/b/c/deep"), "x");
        Files.createDirectories(tmp.resolve("top/empty"));
        SYS.mknod(RawPath.of(tmp.resolve("top/a/fifo")), Linux.S_IFIFO | 0600, 0);
        Files.writeString(tmp.resolve("neighbour"), "stays");

        remover.removeAll(RawPath.of(tmp.resolve("top")));

        assertThat(tmp.resolve("top")).doesNotExist();
        assertThat(tmp.resolve("neighbour")).hasContent("stays");
    }

    @Test
    void removesASingleFileOrFifo() throws Exception {
        Files.writeString(tmp.resolve("file"), "x");
        SYS.mknod(RawPath.of(tmp.resolve("fifo")), Linux.S_IFIFO | 0600, 0);

        remover.removeAll(RawPath.of(tmp.resolve("file")));
        remover.removeAll(RawPath.of(tmp.resolve("fifo")));

        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void symlinksInsideAreRemovedAndWhatTheyPointToOutsideSurvives() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside/dir"));
        Files.writeString(outside.resolve("kept"), "kept");
        Files.writeString(tmp.resolve("outside/file"), "kept");
        Path tree = tmp.resolve("tree");
        Files.createDirectories(tree.resolve("sub"));
        Files.createSymbolicLink(tree.resolve("to-dir"), outside);
        Files.createSymbolicLink(tree.resolve("sub/to-file"), tmp.resolve("outside/file"));
        Files.createSymbolicLink(tree.resolve("to-parent"), Path.of(".."));
        Files.createSymbolicLink(tree.resolve("dangling"), tmp.resolve("nowhere"));

        remover.removeAll(RawPath.of(tmp.resolve("tree")));

        assertThat(tmp.resolve("tree")).doesNotExist();
        assertThat(outside.resolve("kept")).hasContent("kept");
        assertThat(tmp.resolve("outside/file")).hasContent("kept");
    }

    @Test
    void aSymlinkToADirectoryIsRemovedItselfAndItsTargetKept() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("target/sub"));
        Files.writeString(target.resolve("f"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("target"));

        remover.removeAll(RawPath.of(link));

        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(target.resolve("f")).hasContent("x");
    }

    @Test
    void aMissingPathIsFine() throws Exception {
        remover.removeAll(RawPath.of(tmp.resolve("missing")));
        remover.removeAll(RawPath.of(tmp.resolve("missing/below")));

        assertThat(tmp).isEmptyDirectory();
    }

    /**
     * Built by moving the chain into a fresh directory 10,000 times, as no path can name its
     * bottom (20,000 bytes, PATH_MAX is 4,096): a walk by path or by recursion cannot remove it.
     */
    @Test
    void aChainTenThousandDirectoriesDeepIsRemoved() throws Exception {
        Path chain = Files.createDirectory(tmp.resolve("chain"));
        Files.writeString(chain.resolve("bottom"), "x");
        for (int i = 0; i < 10_000; i++) {
            Path wrapper = Files.createDirectory(tmp.resolve("wrapper"));
            Files.move(chain, wrapper.resolve("d"));
            Files.move(wrapper, chain);
        }

        remover.removeAll(RawPath.of(chain));

        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void aFailureNamesTheWholePathOfTheEntry() throws Exception {
        Files.createDirectories(tmp.resolve("tree/a/b"));
        Files.writeString(tmp.resolve("tree/a/b/f"), "x");
        RawPath busy = RawPath.of(tmp.resolve("tree/a/b/f"));
        Syscalls failing = wrap((method, args, real) -> {
            if (method.getName().equals("unlinkat") && new String(((RawPath) args[1]).bytes(),
                    StandardCharsets.UTF_8).equals("f")) {
                throw new SyscallException("unlinkat", "f", Errno.EBUSY);
            }
            return real.get();
        });

        assertThatThrownBy(() -> new TreeRemover(failing).removeAll(RawPath.of(tmp.resolve("tree"))))
                .isInstanceOfSatisfying(SyscallException.class, e -> {
                    assertThat(e.is(Errno.EBUSY)).isTrue();
                    assertThat(e.path()).contains(busy.toString());
                });
    }

    @Test
    void removeChildrenKeepsWhatThePredicateAcceptsAndRemovesTheRestAtAnyDepth() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        Files.createDirectories(dir.resolve("kept/lower/deeper"));
        Files.writeString(dir.resolve("kept/lower/deeper/f"), "x");
        Files.writeString(dir.resolve("kept/new"), "new");
        Files.writeString(dir.resolve("kept/old"), "old");
        Files.writeString(dir.resolve("kept-file"), "new");
        Files.createDirectories(dir.resolve("gone/sub"));
        Files.writeString(dir.resolve("gone/sub/f"), "x");
        Files.writeString(dir.resolve("gone-file"), "old");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("f"), "kept");
        Files.createSymbolicLink(dir.resolve("link"), outside);
        Predicate<RawPath> keep = Stream.of("kept", "kept/new", "kept-file")
                .map(p -> RawPath.of(dir.resolve(p))).toList()::contains;

        remover.removeChildren(RawPath.of(dir), keep);

        assertThat(tree(dir)).containsExactly("kept", "kept-file", "kept/new");
        assertThat(outside.resolve("f")).hasContent("kept");
    }

    /** xfs without {@code ftype=1} leaves the type of every entry to an lstat. */
    @Test
    void entriesWithoutAStatedTypeAreRemovedAndKeptDirectoriesSearched() throws Exception {
        Syscalls untyped = wrap((method, args, real) -> {
            Object result = real.get();
            if (method.getName().equals("readdirEntries")) {
                List<DirEntry> entries = new ArrayList<>();
                for (Object e : (List<?>) result) {
                    entries.add(new DirEntry(((DirEntry) e).name(), Optional.empty()));
                }
                return entries;
            }
            return result;
        });
        Files.createDirectories(tmp.resolve("dir/kept/gone/deeper"));
        Files.writeString(tmp.resolve("dir/kept/gone/deeper/f"), "x");
        Files.writeString(tmp.resolve("dir/kept/file"), "x");
        Files.createDirectories(tmp.resolve("dir/tree/sub"));
        SYS.mknod(RawPath.of(tmp.resolve("dir/tree/sub/fifo")), Linux.S_IFIFO | 0600, 0);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("f"), "kept");
        Files.createSymbolicLink(tmp.resolve("dir/tree/link"), outside);
        RawPath kept = RawPath.of(tmp.resolve("dir/kept"));
        TreeRemover remover = new TreeRemover(untyped);

        remover.removeChildren(RawPath.of(tmp.resolve("dir")), kept::equals);
        assertThat(tree(tmp.resolve("dir"))).containsExactly("kept");

        remover.removeAll(RawPath.of(tmp.resolve("dir")));
        assertThat(tmp.resolve("dir")).doesNotExist();
        assertThat(outside.resolve("f")).hasContent("kept");
    }

    /** Task create and delete run this every time: no lstat, and no unlink that must fail, where types are stated. */
    @Test
    void entriesOfAStatedTypeCostOneCallEachAndNoLstat() throws Exception {
        List<String> calls = new ArrayList<>();
        Syscalls recording = wrap((method, args, real) -> {
            calls.add(method.getName());
            return real.get();
        });
        Path bundle = tmp.resolve("bundle");
        Files.createDirectories(bundle.resolve("rootfs"));
        Files.writeString(bundle.resolve("config.json"), "{}");
        Files.writeString(bundle.resolve("shim.pid"), "1");
        SYS.mknod(RawPath.of(bundle.resolve("log")), Linux.S_IFIFO | 0600, 0);
        Files.createSymbolicLink(bundle.resolve("work"), tmp);

        new TreeRemover(recording).removeAll(RawPath.of(bundle));

        assertThat(bundle).doesNotExist();
        assertThat(calls).doesNotContain("lstat")
                .containsExactlyInAnyOrder("unlink", "open", "readdirEntries", "unlinkat", "unlinkat", "unlinkat",
                        "unlinkat", "openat", "readdirEntries", "close", "unlinkat", "close", "rmdir");
    }

    private static List<String> tree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** A call to the real syscalls, made when the wrapper asks for it. */
    private interface RealCall {
        Object get() throws Throwable;
    }

    private interface Wrapper {
        Object invoke(Method method, Object[] args, RealCall real) throws Throwable;
    }

    /** The real syscalls, each call passed through {@code wrapper}. */
    private static Syscalls wrap(Wrapper wrapper) {
        return (Syscalls) Proxy.newProxyInstance(Syscalls.class.getClassLoader(), new Class<?>[] {Syscalls.class},
                (proxy, method, args) -> wrapper.invoke(method, args, () -> {
                    try {
                        return method.invoke(SYS, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }
}
