package io.jcontainerd.plugins.snapshots.nativecopy;

import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.plugins.snapshots.DirectorySnapshotter;
import io.jcontainerd.plugins.snapshots.storage.Snapshot;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * containerd's {@code native} snapshotter: each active snapshot is a full copy of its parent's
 * tree in {@code <root>/snapshots/<id>}, mounted with a bind mount. It works on any filesystem and
 * kernel, at the cost of a copy per snapshot. A view with a parent binds the parent's directory
 * read-only instead of copying it.
 */
public final class NativeSnapshotter extends DirectorySnapshotter {
    private final Syscalls sys;

    private NativeSnapshotter(Syscalls sys, Path root) throws IOException {
        super(sys, root);
        this.sys = sys;
    }

    /** Opens (creating as needed) the snapshotter rooted at {@code root}. */
    public static NativeSnapshotter open(Syscalls sys, Path root) throws IOException {
        return new NativeSnapshotter(sys, root.toAbsolutePath().normalize());
    }

    @Override
    protected void populate(Path dir, Snapshot s) throws IOException {
        if (s.kind() == Kind.ACTIVE && !s.parentIds().isEmpty()) {
            TreeCopy.copy(sys, snapshotDir(s.parentIds().getFirst()), dir);
        } else {
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Override
    protected Path changesDir(String id) {
        return snapshotDir(id);
    }

    /** {@code bind} with {@code rbind} and {@code rw}, or {@code ro} for a view, in upstream's order. */
    @Override
    protected List<Mount> mountsOf(Snapshot s) {
        boolean own = s.parentIds().isEmpty() || s.kind() == Kind.ACTIVE;
        Path source = own ? snapshotDir(s.id()) : snapshotDir(s.parentIds().getFirst());
        return List.of(Mount.of("bind", source.toString(), List.of("rbind", s.kind() == Kind.VIEW ? "ro" : "rw")));
    }
}
