package io.jcontainerd.plugins.snapshots;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcontainerd.core.mount.Mount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mounts what a snapshotter returned, with the host's {@code mount} command, and unmounts on
 * close. Needs root; tests that use it are skipped otherwise. Overlay options longer than a page
 * are shortened the way containerd's mounter does: paths made relative to the lower directories'
 * common parent, with the command run there.
 */
public final class Mounted implements AutoCloseable {
    private static final int PAGE = 4096;

    private final Path target;

    private Mounted(Path target) {
        this.target = target;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Mounts {@code mounts} on {@code target}, created if missing. */
    public static Mounted at(List<Mount> mounts, Path target) throws IOException {
        assumeTrue(isRoot(), "mounting needs root");
        assumeTrue(mounts.size() == 1, "one mount per snapshot");
        Files.createDirectories(target);
        Mount m = mounts.getFirst();
        String options = String.join(",", m.options());
        Path cwd = null;
        if (options.length() >= PAGE) {
            cwd = lowerParent(m.options());
            String prefix = cwd + "/";
            options = String.join(",", m.options().stream().map(o -> o.replace(prefix, "")).toList());
        }
        run(cwd, "mount", "-t", m.type(), "-o", options, m.source(), target.toString());
        return new Mounted(target);
    }

    public Path path() {
        return target;
    }

    @Override
    public void close() throws IOException {
        run(null, "umount", target.toString());
    }

    private static Path lowerParent(List<String> options) {
        String lower = options.stream().filter(o -> o.startsWith("lowerdir=")).findFirst().orElseThrow();
        List<Path> dirs = Arrays.stream(lower.substring("lowerdir=".length()).split(":")).map(Path::of).toList();
        Path common = dirs.getFirst().getParent();
        while (!allUnder(dirs, common)) {
            common = common.getParent();
        }
        return common;
    }

    private static boolean allUnder(List<Path> dirs, Path parent) {
        return dirs.stream().allMatch(d -> d.startsWith(parent));
    }

    private static void run(Path cwd, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
