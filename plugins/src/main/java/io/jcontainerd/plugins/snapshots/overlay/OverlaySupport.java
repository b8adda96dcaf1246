package io.jcontainerd.plugins.snapshots.overlay;

import io.jcontainerd.plugins.snapshots.fs.DirEntries;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What this host's overlayfs can do, read from {@code /proc} and {@code /sys}: whether it works at all, and mount options it needs. */
final class OverlaySupport {
    private final Syscalls syscalls;
    private final Path proc;
    private final Path sys;

    /** @param proc where procfs is ({@code /proc}), @param sys where sysfs is ({@code /sys}); tests pass fake trees */
    OverlaySupport(Syscalls syscalls, Path proc, Path sys) {
        this.syscalls = syscalls;
        this.proc = proc;
        this.sys = sys;
    }

    static OverlaySupport host(Syscalls syscalls) {
        return new OverlaySupport(syscalls, Path.of("/proc"), Path.of("/sys"));
    }

    /**
     * {@return why an overlayfs snapshotter cannot keep its snapshots under {@code root}, or empty if it can}:
     * the kernel must know the {@code overlay} filesystem, and {@code root}'s filesystem must be able
     * to hold upper directories (not overlayfs itself) and fill in {@code d_type}.
     */
    Optional<String> unsupportedReason(Path root) {
        try {
            if (!kernelHasOverlay()) {
                return Optional.of("overlayfs is not supported by the kernel: no overlay in " + proc.resolve("filesystems"));
            }
            Files.createDirectories(root);
            if (Files.getFileStore(root).type().equals("overlay")) {
                return Optional.of(root + " is on overlayfs, which cannot hold overlayfs upper directories");
            }
            if (!DirEntries.supportsDType(syscalls, root)) {
                return Optional.of(noDType(root));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot check overlayfs support in " + root + ": " + e.getMessage());
        }
    }

    static String noDType(Path root) {
        return root + " does not support d_type. If the backing filesystem is xfs, please reformat with ftype=1"
                + " to enable d_type support";
    }

    private boolean kernelHasOverlay() throws IOException {
        for (String line : Files.readAllLines(proc.resolve("filesystems"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields[fields.length - 1].equals("overlay")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return the options upstream 1.6 puts first on every overlay mount}: {@code index=off} where
     * the kernel has the index feature (so a lower layer shared by several snapshots does not trip
     * its checks), and {@code userxattr} when running in a user namespace on a kernel of 5.11 or
     * later, off tmpfs (there the kernel refuses {@code trusted.*} xattrs to non-initial namespaces).
     */
    List<String> defaultMountOptions(Path root) throws IOException {
        List<String> options = new ArrayList<>();
        if (Files.exists(sys.resolve("module/overlay/parameters/index"))) {
            options.add("index=off");
        }
        if (inUserNamespace() && !Files.getFileStore(root).type().equals("tmpfs") && kernelAtLeast(5, 11)) {
            options.add("userxattr");
        }
        return options;
    }

    /** The initial user namespace maps all 2^32-1 ids from 0 to 0; any other map means a child namespace. */
    private boolean inUserNamespace() throws IOException {
        try {
            String map = Files.readString(proc.resolve("self/uid_map")).trim();
            return !map.matches("0\\s+0\\s+4294967295");
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private boolean kernelAtLeast(int major, int minor) throws IOException {
        String[] v = Files.readString(proc.resolve("sys/kernel/osrelease")).trim().split("[.-]");
        int ma = Integer.parseInt(v[0]);
        int mi = v.length > 1 ? Integer.parseInt(v[1].replaceAll("\\D.*", "")) : 0;
        return ma > major || (ma == major && mi >= minor);
    }
}
