package io.jcontainerd.plugins.snapshots;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.core.snapshots.Usage;
import io.jcontainerd.plugins.snapshots.fs.DiskUsage;
import io.jcontainerd.plugins.snapshots.storage.MetaStore;
import io.jcontainerd.plugins.snapshots.storage.Removed;
import io.jcontainerd.plugins.snapshots.storage.Snapshot;
import io.jcontainerd.plugins.snapshots.storage.StoredInfo;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.Syscalls;
import io.jcontainerd.sys.TreeRemover;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What containerd's native and overlayfs snapshotters share: a {@link MetaStore} in
 * {@code <root>/metadata.db} and one directory per snapshot, {@code <root>/snapshots/<id>}.
 * Subclasses say how a new snapshot's directory is filled, which part of it is the snapshot's own
 * changes, and how it is mounted.
 *
 * <p>Directory changes happen inside the metadata transaction, so a snapshot and its directory
 * appear and disappear together: a new directory is built as {@code new-<id>} and renamed into
 * place; a removed one is first moved into a fresh {@code rm-*} directory, deleted only after the
 * removal is committed. A crash leaves at most such leftovers, never a half-deleted live snapshot,
 * and {@link #cleanup()} removes every directory that no snapshot owns.
 */
public abstract class DirectorySnapshotter implements Snapshotter {
    private static final System.Logger LOG = System.getLogger(DirectorySnapshotter.class.getName());

    private final Path snapshots;
    private final MetaStore store;
    private final DiskUsage diskUsage;
    private final TreeRemover remover;

    /** Opens the store under {@code root}, creating {@code root} and {@code root/snapshots} (mode 0700) as needed. */
    protected DirectorySnapshotter(Syscalls sys, Path root) throws IOException {
        this.diskUsage = new DiskUsage(sys);
        this.remover = new TreeRemover(sys);
        Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        this.snapshots = root.resolve("snapshots");
        this.store = MetaStore.open(root.resolve("metadata.db"));
        try {
            if (!Files.isDirectory(snapshots)) {
                Files.createDirectory(snapshots);
                Files.setPosixFilePermissions(snapshots, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** {@return the directory of the snapshot {@code id}} */
    protected final Path snapshotDir(String id) {
        return snapshots.resolve(id);
    }

    /**
     * Builds the directory of the new snapshot {@code s} at {@code dir}, which does not exist yet.
     * Called inside the transaction that records the snapshot: throwing undoes both.
     */
    protected abstract void populate(Path dir, Snapshot s) throws IOException;

    /** {@return the tree holding the changes of snapshot {@code id}, whose usage is the snapshot's} */
    protected abstract Path changesDir(String id);

    /** {@return the mounts of the active or view snapshot {@code s}} */
    protected abstract List<Mount> mountsOf(Snapshot s);

    @Override
    public Info stat(String key) throws IOException {
        return store.read(tx -> tx.getInfo(key).info());
    }

    @Override
    public Info update(Info info, List<String> fieldpaths) throws IOException {
        return store.write(tx -> tx.updateInfo(info, fieldpaths));
    }

    @Override
    public Usage usage(String key) throws IOException {
        StoredInfo stored = store.read(tx -> tx.getInfo(key));
        // measured outside the transaction: it may take long and must not hold up others
        return stored.info().kind() == Kind.ACTIVE ? diskUsage.of(changesDir(stored.id())) : stored.usage();
    }

    @Override
    public List<Mount> mounts(String key) throws IOException {
        return mountsOf(store.read(tx -> {
            try {
                return tx.getSnapshot(key);
            } catch (ErrdefsException e) {
                throw wrapped("failed to get active mount", e);
            }
        }));
    }

    @Override
    public List<Mount> prepare(String key, String parent, Map<String, String> labels) throws IOException {
        return create(Kind.ACTIVE, key, parent, labels);
    }

    @Override
    public List<Mount> view(String key, String parent, Map<String, String> labels) throws IOException {
        return create(Kind.VIEW, key, parent, labels);
    }

    private List<Mount> create(Kind kind, String key, String parent, Map<String, String> labels) throws IOException {
        Path[] placed = new Path[1];
        try {
            return mountsOf(store.write(tx -> {
                Snapshot s;
                try {
                    s = tx.createSnapshot(kind, key, parent, labels);
                } catch (ErrdefsException e) {
                    throw wrapped("failed to create snapshot", e);
                }
                Path building = snapshots.resolve("new-" + s.id());
                Path dir = snapshotDir(s.id());
                // a fresh id has no directory, unless a crash hit an earlier creation under it
                // after its rename but before its commit: that one was never a snapshot
                remover.removeAll(RawPath.of(building));
                remover.removeAll(RawPath.of(dir));
                try {
                    populate(building, s);
                    Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | RuntimeException e) {
                    deleteQuietly(building);
                    throw e;
                }
                placed[0] = dir;
                return s;
            }));
        } catch (IOException | RuntimeException e) {
            if (placed[0] != null) {
                deleteQuietly(placed[0]); // the commit failed after the rename
            }
            throw e;
        }
    }

    @Override
    public void commit(String name, String key, Map<String, String> labels) throws IOException {
        store.write(tx -> {
            StoredInfo active = tx.getInfo(key);
            // a view or committed snapshot is refused by commitActive, after its name check
            Usage usage = active.info().kind() == Kind.ACTIVE ? diskUsage.of(changesDir(active.id())) : Usage.ZERO;
            try {
                return tx.commitActive(key, name, usage, labels);
            } catch (ErrdefsException e) {
                throw wrapped("failed to commit snapshot", e);
            }
        });
    }

    @Override
    public void remove(String key) throws IOException {
        Path[] moved = new Path[2]; // the directory, and where it went
        try {
            store.write(tx -> {
                Removed removed;
                try {
                    removed = tx.remove(key);
                } catch (ErrdefsException e) {
                    throw wrapped("failed to remove", e);
                }
                Path dir = snapshotDir(removed.id());
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    Path trash = Files.createTempDirectory(snapshots, "rm-");
                    Files.move(dir, trash.resolve(removed.id()), StandardCopyOption.ATOMIC_MOVE);
                    moved[0] = dir;
                    moved[1] = trash;
                }
                return removed;
            });
        } catch (IOException | RuntimeException e) {
            if (moved[1] != null) {
                // the removal did not commit: the snapshot lives on, and so must its directory
                try {
                    Files.move(moved[1].resolve(moved[0].getFileName()), moved[0], StandardCopyOption.ATOMIC_MOVE);
                    deleteQuietly(moved[1]);
                } catch (IOException back) {
                    LOG.log(System.Logger.Level.ERROR, "failed to move " + moved[0] + " back after a failed removal,"
                            + " it is in " + moved[1] + ": " + back.getMessage());
                }
            }
            throw e;
        }
        if (moved[1] != null) {
            deleteQuietly(moved[1]);
        }
    }

    @Override
    public void walk(Predicate<Info> filter, Consumer<Info> visitor) throws IOException {
        // read first, visit after: a visitor may call back into the snapshotter or be slow
        store.read(tx -> tx.walkInfo(filter)).forEach(visitor);
    }

    /** Removes every entry of {@code snapshots/} that no snapshot's id names. */
    @Override
    public void cleanup() throws IOException {
        Path trash = store.write(tx -> {
            Set<String> ids = tx.idMap().keySet();
            List<Path> orphans = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(snapshots)) {
                for (Path entry : entries) {
                    if (!ids.contains(entry.getFileName().toString())) {
                        orphans.add(entry);
                    }
                }
            }
            if (orphans.isEmpty()) {
                return null;
            }
            // moved while no creation runs, so a directory created later is never taken by mistake
            Path bin = Files.createTempDirectory(snapshots, "rm-");
            for (Path orphan : orphans) {
                Files.move(orphan, bin.resolve(orphan.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            return bin;
        });
        if (trash != null) {
            deleteQuietly(trash);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    private static ErrdefsException wrapped(String context, ErrdefsException e) {
        return new ErrdefsException(e.kind(), context + ": " + e.getMessage(), e);
    }

    /** Deletes a directory that no snapshot owns; what stays behind is for {@link #cleanup()}. */
    private void deleteQuietly(Path dir) {
        try {
            remover.removeAll(RawPath.of(dir));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "failed to remove directory " + dir + ": " + e.getMessage());
        }
    }
}
