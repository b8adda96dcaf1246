package io.jcontainerd.plugins.runtime.v2;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.identifiers.Identifiers;
import io.jcontainerd.sys.Errno;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import io.jcontainerd.sys.TreeRemover;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A task's bundle, containerd's layout: {@code <state>/<ns>/<id>} holds {@code config.json} (the
 * spec), {@code rootfs} (the shim mounts the container's root there), the shim's {@code log} FIFO,
 * {@code address} and {@code shim.pid} (written by the shim), {@code shim-binary-path} (by us) and
 * a {@code work} link to {@code <root>/<ns>/<id>}, the runtime's scratch directory.
 */
record Bundle(String namespace, String id, Path path) {
    private static final String WORK = "work";
    private static final String ROOTFS = "rootfs";
    /** Beside the namespaces in the state and root directories; no namespace can be named so. */
    static final String RETIRED = ".retired";
    private static final FileAttribute<Set<PosixFilePermission>> SEARCHABLE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x"));
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /**
     * Creates the bundle of a new task.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException ALREADY_EXISTS when the bundle is there already
     */
    static Bundle create(Syscalls sys, Path root, Path state, String namespace, String id, byte[] spec) {
        Identifiers.validate(id);
        Path path = state.resolve(namespace).resolve(id);
        Path work = root.resolve(namespace).resolve(id);
        try {
            Files.createDirectories(state.resolve(namespace), SEARCHABLE);
            Files.createDirectories(root.resolve(namespace), SEARCHABLE);
            Files.createDirectory(path, PRIVATE);
        } catch (FileAlreadyExistsException e) {
            throw Errdefs.alreadyExists("bundle " + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Bundle bundle = new Bundle(namespace, id, path);
        TreeRemover remover = new TreeRemover(sys);
        try {
            Files.createDirectory(path.resolve(ROOTFS), SEARCHABLE);
            remover.removeAll(RawPath.of(work)); // a leftover of a task that was not cleaned up
            Files.createDirectory(work, SEARCHABLE);
            Files.createSymbolicLink(path.resolve(WORK), work);
            if (spec.length > 0) {
                Files.write(path.resolve("config.json"), spec);
            }
            return bundle;
        } catch (IOException | RuntimeException e) {
            try {
                remover.removeAll(RawPath.of(path));
                remover.removeAll(RawPath.of(work));
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    Path file(String name) {
        return path.resolve(name);
    }

    /** Unmounts what is left on {@code rootfs}, then removes the bundle and its work directory. */
    void delete(Syscalls sys) throws IOException {
        remove(sys, path, workDirectory());
    }

    /** {@return where the bundle's {@code work} link points, null without one} */
    private Path workDirectory() throws IOException {
        return Files.isSymbolicLink(file(WORK)) ? Files.readSymbolicLink(file(WORK)) : null;
    }

    /** Unmounts what is left on {@code bundle}'s rootfs, then removes it and {@code work} (if not null). */
    private static void remove(Syscalls sys, Path bundle, Path work) throws SyscallException {
        unmountAll(sys, bundle.resolve(ROOTFS));
        TreeRemover remover = new TreeRemover(sys);
        remover.removeAll(RawPath.of(bundle));
        if (work != null) {
            remover.removeAll(RawPath.of(work));
        }
    }

    /**
     * A deleted task's bundle and work directory, moved aside under {@code .retired} in the
     * runtime's state and root directories under one name, {@code <hex>.<id>}: nothing looks for
     * tasks there, so the task's id is free again while they wait for removal.
     */
    record Retired(String id, Path path, Path work) {
        Path file(String name) {
            return path.resolve(name);
        }

        /** Unmounts what is left on {@code rootfs}, then removes both directories; missing ones are fine. */
        void delete(Syscalls sys) throws IOException {
            remove(sys, path, work);
        }

        /**
         * {@return what a previous daemon retired but did not remove yet, by the names {@link #retire}
         * gave: each bundle with its work directory, and work directories whose bundle is gone}
         */
        static List<Retired> left(Path root, Path state) throws IOException {
            Set<String> names = new TreeSet<>();
            for (Path dir : List.of(state.resolve(RETIRED), root.resolve(RETIRED))) {
                if (Files.isDirectory(dir)) {
                    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                        entries.forEach(entry -> names.add(entry.getFileName().toString()));
                    }
                }
            }
            List<Retired> left = new ArrayList<>();
            for (String name : names) {
                left.add(new Retired(name.substring(name.indexOf('.') + 1), state.resolve(RETIRED).resolve(name),
                        root.resolve(RETIRED).resolve(name)));
            }
            return left;
        }
    }

    /**
     * Moves the bundle and its work directory aside (two renames, each within its own file
     * system), so that removing them need not hold up the task's deletion.
     *
     * @param root the runtime's root, whose namespace directories hold the work directories
     */
    Retired retire(Path root) throws IOException {
        String name = Long.toHexString(System.nanoTime()) + "." + id;
        Path state = path.getParent().getParent();
        Retired retired = new Retired(id, Files.createDirectories(state.resolve(RETIRED), PRIVATE).resolve(name),
                Files.createDirectories(root.resolve(RETIRED), PRIVATE).resolve(name));
        Path work = workDirectory();
        Files.move(path, retired.path(), StandardCopyOption.ATOMIC_MOVE);
        if (work != null) {
            try {
                Files.move(work, retired.work(), StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                // never made, or removed by hand: nothing to move
            }
        }
        return retired;
    }

    private static void unmountAll(Syscalls sys, Path target) throws SyscallException {
        while (true) {
            try {
                sys.umount2(RawPath.of(target), 0);
            } catch (SyscallException e) {
                if (e.is(Errno.EINVAL) || e.is(Errno.ENOENT)) {
                    return; // not a mount point (any more)
                }
                throw e;
            }
        }
    }
}
