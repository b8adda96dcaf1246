package io.jcontainerd.plugins.snapshots.overlay;

import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.plugins.snapshots.DirectorySnapshotter;
import io.jcontainerd.plugins.snapshots.fs.DirEntries;
import io.jcontainerd.plugins.snapshots.storage.Snapshot;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * containerd 1.6's {@code overlayfs} snapshotter: a snapshot's own changes live in
 * {@code <root>/snapshots/<id>/fs} (overlayfs' upper directory, with {@code work} beside it for an
 * active snapshot), and its ancestors' {@code fs} directories are the lower layers.
 *
 * <p>Mounts, as upstream: without a parent, a bind mount of the snapshot's own {@code fs}
 * ({@code rw}, or {@code ro} for a view); a view of a single committed layer, a read-only bind of
 * that layer; otherwise {@code overlay} with the host's {@linkplain OverlaySupport#defaultMountOptions
 * default options}, then {@code workdir} and {@code upperdir} for an active snapshot, then
 * {@code lowerdir} with the parents' directories, the nearest first, joined by {@code :}. A view
 * of several layers is an overlay with lower directories only, which the kernel mounts read-only.
 */
public final class OverlaySnapshotter extends DirectorySnapshotter {
    private final List<String> defaultOptions;

    private OverlaySnapshotter(Syscalls sys, Path root, List<String> defaultOptions) throws IOException {
        super(sys, root);
        this.defaultOptions = List.copyOf(defaultOptions);
    }

    /**
     * Opens (creating as needed) the snapshotter rooted at {@code root}.
     *
     * @throws IOException when {@code root}'s filesystem does not fill in {@code d_type}, as upstream refuses
     */
    public static OverlaySnapshotter open(Syscalls sys, Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        if (!DirEntries.supportsDType(sys, absolute)) {
            throw new IOException(OverlaySupport.noDType(absolute));
        }
        return open(sys, absolute, OverlaySupport.host(sys).defaultMountOptions(absolute));
    }

    /** Opens with the given default overlay options instead of the host's. */
    static OverlaySnapshotter open(Syscalls sys, Path root, List<String> defaultOptions) throws IOException {
        return new OverlaySnapshotter(sys, root.toAbsolutePath().normalize(), defaultOptions);
    }

    /**
     * {@return why overlayfs snapshots cannot live under {@code root} on this host, or empty when
     * they can}: the plugin is then skipped with this as its status, and {@code native} serves instead.
     */
    public static Optional<String> unsupportedReason(Syscalls sys, Path root) {
        return OverlaySupport.host(sys).unsupportedReason(root);
    }

    /**
     * {@code fs} (0755) and, for an active snapshot, {@code work} (0711) in a 0700 directory; on a
     * parent, {@code fs} takes the owner of the parent's {@code fs}, so the merged root keeps it.
     */
    @Override
    protected void populate(Path dir, Snapshot s) throws IOException {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path fs = dir.resolve("fs");
        Files.createDirectory(fs);
        Files.setPosixFilePermissions(fs, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (s.kind() == Kind.ACTIVE) {
            Path work = dir.resolve("work");
            Files.createDirectory(work);
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        }
        if (!s.parentIds().isEmpty()) {
            Path parentFs = upperDir(s.parentIds().getFirst());
            Files.setAttribute(fs, "unix:uid", Files.getAttribute(parentFs, "unix:uid"), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(fs, "unix:gid", Files.getAttribute(parentFs, "unix:gid"), LinkOption.NOFOLLOW_LINKS);
        }
    }

    @Override
    protected Path changesDir(String id) {
        return upperDir(id);
    }

    @Override
    protected List<Mount> mountsOf(Snapshot s) {
        List<String> parents = s.parentIds();
        if (parents.isEmpty()) {
            // overlayfs needs a lower layer: a lone snapshot is its own directory
            return List.of(bind(upperDir(s.id()), s.kind() == Kind.VIEW ? "ro" : "rw"));
        }
        if (s.kind() == Kind.VIEW && parents.size() == 1) {
            return List.of(bind(upperDir(parents.getFirst()), "ro"));
        }
        List<String> options = new ArrayList<>(defaultOptions);
        if (s.kind() == Kind.ACTIVE) {
            options.add("workdir=" + snapshotDir(s.id()).resolve("work"));
            options.add("upperdir=" + upperDir(s.id()));
        }
        options.add("lowerdir=" + String.join(":", parents.stream().map(id -> upperDir(id).toString()).toList()));
        return List.of(Mount.of("overlay", "overlay", options));
    }

    private static Mount bind(Path source, String mode) {
        return Mount.of("bind", source.toString(), List.of(mode, "rbind"));
    }

    private Path upperDir(String id) {
        return snapshotDir(id).resolve("fs");
    }
}
