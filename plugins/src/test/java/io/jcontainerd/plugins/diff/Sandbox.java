package io.jcontainerd.plugins.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

/**
 * A root to apply layers onto, beside an {@code outside} directory holding a sentinel file that no
 * layer may touch. Hostile layers aim at {@link #outside} (by relative or absolute names), never
 * at the real {@code /etc}: if containment ever failed, only the sentinel would be harmed.
 */
final class Sandbox {
    static final Syscalls SYS = new LinuxSyscalls();

    final Path base;
    final Path root;
    final Path outside;
    private final Map<String, String> outsideBefore;

    Sandbox(Path base) throws IOException {
        requireRoot();
        this.base = base;
        this.root = Files.createDirectory(base.resolve("root"));
        this.outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
        Files.setPosixFilePermissions(outside.resolve("secret"), PosixFilePermissions.fromString("rw-------"));
        Files.createDirectory(outside.resolve("dir"));
        this.outsideBefore = outsideTheRoot();
    }

    /** Layers carry owners, devices and {@code trusted.*} whiteouts: applying them needs root (CI has it). */
    static void requireRoot() {
        assumeTrue(SYS.geteuid() == 0, "applying layers needs root");
    }

    /** The absolute host path of the sentinel file, as a hostile layer would name it. */
    String secret() {
        return outside.resolve("secret").toString();
    }

    long apply(Layer layer) throws IOException {
        return apply(layer.stream(), ApplyOptions.directory());
    }

    long apply(InputStream tar, ApplyOptions options) throws IOException {
        return new LayerApplier(SYS).apply(root, tar, options);
    }

    /** Nothing but {@code root/} changed under the base: outside, its sentinel (link count included), the base. */
    void assertOutsideUntouched() throws IOException {
        assertThat(outsideTheRoot()).as("the tree outside the root").isEqualTo(outsideBefore);
    }

    /** The sentinel tree, and the base directory itself (whose mtime moves if anything is added beside root). */
    private Map<String, String> outsideTheRoot() throws IOException {
        Map<String, String> tree = new TreeMap<>(Trees.describe(SYS, outside));
        RawPath basePath = RawPath.of(base);
        tree.put("<base>", Trees.node(SYS, basePath, SYS.lstat(basePath)));
        tree.put("<base entries>", SYS.readdir(basePath).stream().map(n -> new String(n, StandardCharsets.UTF_8))
                .sorted().toList().toString());
        return tree;
    }

    Map<String, String> tree() throws IOException {
        return Trees.describe(SYS, root);
    }

    Path inRoot(String relative) {
        return root.resolve(relative);
    }
}
