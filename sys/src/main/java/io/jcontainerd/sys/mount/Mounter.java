package io.jcontainerd.sys.mount;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.sys.Errno;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mounts and unmounts what snapshotters describe, as containerd's {@code mount.All},
 * {@code UnmountAll} and {@code WithTempMount}: a read-only bind is remounted read-only, as the
 * kernel ignores {@code MS_RDONLY} on the first bind.
 */
public final class Mounter {
    /** Upstream's {@code UnmountAll} retries a busy unmount this many times. */
    private static final int UNMOUNT_ATTEMPTS = 50;

    private final Syscalls sys;

    public Mounter(Syscalls sys) {
        this.sys = sys;
    }

    /** Work done while mounts are in place. */
    @FunctionalInterface
    public interface MountedWork<T> {
        T run(Path root) throws IOException;
    }

    /** Mounts each in turn on {@code target} (the later over the earlier, a mount's own target a subpath). */
    public void mountAll(List<Mount> mounts, Path target) throws IOException {
        for (Mount mount : mounts) {
            Path at = mount.target().isEmpty() ? target : target.resolve(mount.target());
            mount(mount, at);
        }
    }

    private void mount(Mount mount, Path target) throws IOException {
        Optional<CompactedLowerdirs> compacted = CompactedLowerdirs.of(mount.type(), mount.options());
        MountOptions options = MountOptions.parse(compacted.map(CompactedLowerdirs::options).orElse(mount.options()));
        long flags = options.flags() & ~(Linux.MS_SHARED | Linux.MS_PRIVATE | Linux.MS_SLAVE);
        RawPath at = RawPath.of(target.toAbsolutePath());
        if (compacted.isPresent()) {
            mountFrom(compacted.get().directory(), mount, at, flags, options.data());
        } else {
            sys.mount(mount.source(), at, mount.type(), flags, options.data());
        }
        if (options.readOnlyBind()) {
            sys.mount("", at, "", flags | Linux.MS_REMOUNT, null);
        }
    }

    /**
     * Mounts with relative lower directories resolved from {@code directory}: on a thread of its
     * own that stops sharing the process's working directory first, so no other thread sees the change.
     */
    private void mountFrom(String directory, Mount mount, RawPath at, long flags, String data) throws IOException {
        IOException[] failure = new IOException[1];
        Thread thread = Thread.ofPlatform().name("mount-from-" + directory).start(() -> {
            try {
                sys.unshare(Linux.CLONE_FS);
                sys.chdir(RawPath.of(Path.of(directory)));
                sys.mount(mount.source(), at, mount.type(), flags, data);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mounting " + at, e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** Unmounts everything stacked on {@code target}, a busy unmount retried as upstream, until nothing is mounted there. */
    public void unmountAll(Path target) throws IOException {
        unmountAll(RawPath.of(target), 0);
    }

    /** Unmounts with {@code flags} until nothing is mounted at {@code at}. */
    private void unmountAll(RawPath at, int flags) throws SyscallException {
        while (true) {
            try {
                unmount(at, flags);
            } catch (SyscallException e) {
                if (e.errno().equals(Errno.EINVAL) || e.errno().equals(Errno.ENOENT)) {
                    return; // not a mount point (any more)
                }
                throw e;
            }
        }
    }

    private void unmount(RawPath at, int flags) throws SyscallException {
        for (int attempt = 1; ; attempt++) {
            try {
                sys.umount2(at, flags);
                return;
            } catch (SyscallException e) {
                if (!e.errno().equals(Errno.EBUSY) || attempt == UNMOUNT_ATTEMPTS) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Unmounts and removes what {@link #withTempMount} left under {@code tempRoot} when a process
     * died in its work, as upstream's {@code CleanupTempMounts} at boot. Mounts are detached, so
     * ones below a mount point go with it; directories go with a plain delete, so a mount that
     * stayed keeps its files. {@return the directories removed}
     */
    public List<Path> cleanupTempMounts(Path tempRoot) throws IOException {
        if (!Files.isDirectory(tempRoot)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> left = Files.newDirectoryStream(tempRoot)) {
            for (Path dir : left) {
                unmountAll(RawPath.of(dir), Linux.MNT_DETACH);
                Files.deleteIfExists(dir);
                removed.add(dir);
            }
        }
        return removed;
    }

    /**
     * Mounts {@code mounts} on a fresh directory under {@code tempRoot}, runs {@code work} on it,
     * then unmounts and removes the directory: removed with a plain delete, never recursively, so
     * a failed unmount cannot take the mounted files with it.
     */
    public <T> T withTempMount(Path tempRoot, List<Mount> mounts, MountedWork<T> work) throws IOException {
        Files.createDirectories(tempRoot);
        Path root = Files.createTempDirectory(tempRoot, "containerd-mount");
        try {
            try {
                mountAll(mounts, root);
            } catch (IOException e) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to mount " + root + ": " + e.getMessage(), e);
            }
            return work.run(root);
        } finally {
            try {
                unmountAll(root);
            } finally {
                Files.deleteIfExists(root);
            }
        }
    }
}
