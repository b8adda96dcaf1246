package io.jcontainerd.plugins.runtime.v2;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.identifiers.Identifiers;
import io.jcontainerd.sys.Errno;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A task's bundle, containerd's layout: {@code <state>/<ns>/<id>} holds {@code config.json} (the
 * spec), {@code rootfs} (the shim mounts the container's root there), the shim's {@code log} FIFO,
 * {@code address} and {@code shim.pid} (written by the shim), {@code shim-binary-path} (by us) and
 * a {@code work} link to {@code <root>/<ns>/<id>}, the runtime's scratch directory.
 */
record Bundle(String namespace, String id, Path path) {
    private static final String WORK = "work";
    private static final String ROOTFS = "rootfs";

    /**
     * Creates the bundle of a new task.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException ALREADY_EXISTS when the bundle is there already
     */
    static Bundle create(Path root, Path state, String namespace, String id, byte[] spec) {
        Identifiers.validate(id);
        Path path = state.resolve(namespace).resolve(id);
        Path work = root.resolve(namespace).resolve(id);
        try {
            Files.createDirectories(state.resolve(namespace), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            Files.createDirectories(root.resolve(namespace), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw Errdefs.alreadyExists("bundle " + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Bundle bundle = new Bundle(namespace, id, path);
        try {
            Files.createDirectory(path.resolve(ROOTFS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            deleteTree(work); // a leftover of a task that was not cleaned up
            Files.createDirectory(work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            Files.createSymbolicLink(path.resolve(WORK), work);
            if (spec.length > 0) {
                Files.write(path.resolve("config.json"), spec);
            }
            return bundle;
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(path);
                deleteTree(work);
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
        Path rootfs = path.resolve(ROOTFS);
        Path work = null;
        if (Files.isSymbolicLink(path.resolve(WORK))) {
            work = Files.readSymbolicLink(path.resolve(WORK));
        }
        unmountAll(sys, rootfs);
        deleteTree(path);
        if (work != null) {
            deleteTree(work);
        }
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

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
