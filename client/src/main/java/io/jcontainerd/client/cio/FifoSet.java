package io.jcontainerd.client.cio;

import io.jcontainerd.core.runtime.StdioPaths;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.RawPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The FIFOs a shim connects a process's stdio to: {@code <id>-stdin}, {@code -stdout},
 * {@code -stderr} in a fresh directory under the FIFO root, as containerd's
 * {@code cio.NewFIFOSetInDir}. An empty path means that stream is not connected.
 */
public record FifoSet(StdioPaths paths) {
    /** containerd's default FIFO root on Linux. */
    public static final Path DEFAULT_ROOT = Path.of("/run/containerd/fifo");

    /**
     * Makes the directory and the FIFOs for the streams asked for; a terminal has no stderr (the
     * pty merges it into stdout).
     *
     * @param root the FIFO root; null or empty for {@link #DEFAULT_ROOT}
     */
    public static FifoSet create(String root, String id, boolean stdin, boolean stdout, boolean stderr, boolean terminal)
            throws IOException {
        Path base = root == null || root.isEmpty() ? DEFAULT_ROOT : Path.of(root);
        Files.createDirectories(base, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path dir = Files.createTempDirectory(base, "");
        try {
            return new FifoSet(new StdioPaths(stdin ? mkfifo(dir.resolve(id + "-stdin")) : "",
                    stdout ? mkfifo(dir.resolve(id + "-stdout")) : "",
                    stderr && !terminal ? mkfifo(dir.resolve(id + "-stderr")) : "", terminal));
        } catch (IOException | RuntimeException e) {
            removeTree(dir);
            throw e;
        }
    }

    private static String mkfifo(Path path) throws IOException {
        new LinuxSyscalls().mknod(RawPath.of(path), Linux.S_IFIFO | 0700, 0);
        return path.toString();
    }

    /**
     * Removes the FIFOs among the paths and then their directories, as containerd's client does
     * when it deletes a task whose FIFOs it did not make itself (a task started detached).
     */
    public void remove() throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String name : new String[] {paths.stdin(), paths.stdout(), paths.stderr()}) {
            if (name.isEmpty()) {
                continue;
            }
            Path fifo = Path.of(name);
            if (isFifo(fifo)) {
                Files.deleteIfExists(fifo);
                dirs.add(fifo.getParent());
            }
        }
        for (Path dir : dirs) {
            try (Stream<Path> left = Files.list(dir)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(dir);
                }
            }
        }
    }

    private static boolean isFifo(Path path) {
        try {
            return Files.readAttributes(path, "unix:mode").get("mode") instanceof Integer mode
                    && (mode & Linux.S_IFMT) == Linux.S_IFIFO;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void removeTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
