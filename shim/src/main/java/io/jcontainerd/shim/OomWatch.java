package io.jcontainerd.shim;

import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A container's out-of-memory kills, told as the Go shim's cgroup v1 epoller tells them: an
 * eventfd registered for the memory cgroup's {@code memory.oom_control} through its
 * {@code cgroup.event_control}, polled on the shim's one {@link ReadableWatch} thread. The kernel
 * also signals the eventfd when the cgroup is removed; an event whose cgroup is gone is not an
 * OOM, and the watch ends there. Hosts without a v1 memory hierarchy (cgroup v2) are not watched.
 */
final class OomWatch {
    private static final System.Logger LOG = System.getLogger(OomWatch.class.getName());

    private final Syscalls sys;
    private final ReadableWatch watch;
    /** {@code <cgroup root>/memory}, the v1 memory hierarchy. */
    private final Path memoryRoot;
    private final Consumer<String> oomOf;

    /** @param oomOf called with the container's id on each OOM kill in its cgroup (on the watch thread) */
    OomWatch(Syscalls sys, ReadableWatch watch, Path cgroupRoot, Consumer<String> oomOf) {
        this.sys = sys;
        this.watch = watch;
        this.memoryRoot = cgroupRoot.resolve("memory");
        this.oomOf = oomOf;
    }

    /** Watches {@code containerId}'s cgroup (its spec's {@code cgroupsPath}) from now until the cgroup is removed. */
    void add(String containerId, String cgroupsPath) {
        Path cgroup = memoryRoot.resolve(CgroupStats.relative(cgroupsPath));
        if (!Files.isRegularFile(cgroup.resolve("memory.oom_control"))) {
            return; // not a v1 memory cgroup: nothing to register with
        }
        int eventFd = -1;
        try {
            eventFd = sys.eventfd();
            register(cgroup, eventFd);
            watchAgain(containerId, cgroup, eventFd);
        } catch (IOException e) {
            // as the Go shim: the task runs on, unwatched
            LOG.log(Level.WARNING, "add cg to OOM monitor: " + containerId + ": " + e.getMessage());
            closeQuietly(eventFd);
        }
    }

    /** {@code "<eventfd> <fd of memory.oom_control>"} into {@code cgroup.event_control}, in one write. */
    private void register(Path cgroup, int eventFd) throws IOException {
        int control = sys.open(RawPath.of(cgroup.resolve("memory.oom_control")), Linux.O_RDONLY | Linux.O_CLOEXEC, 0);
        try {
            int events = sys.open(RawPath.of(cgroup.resolve("cgroup.event_control")), Linux.O_WRONLY | Linux.O_CLOEXEC, 0);
            try {
                byte[] line = (eventFd + " " + control).getBytes(StandardCharsets.US_ASCII);
                sys.write(events, line, 0, line.length);
            } finally {
                sys.close(events);
            }
        } finally {
            sys.close(control);
        }
    }

    private void watchAgain(String containerId, Path cgroup, int eventFd) throws SyscallException {
        watch.watch(eventFd, () -> fired(containerId, cgroup, eventFd));
    }

    private void fired(String containerId, Path cgroup, int eventFd) {
        try {
            sys.read(eventFd, new byte[Long.BYTES], 0, Long.BYTES); // resets the count
            if (!Files.isDirectory(cgroup)) {
                closeQuietly(eventFd);
                return;
            }
            oomOf.accept(containerId);
            watchAgain(containerId, cgroup, eventFd);
        } catch (SyscallException | RuntimeException e) {
            LOG.log(Level.WARNING, "OOM monitor: " + containerId + ": " + e.getMessage());
            closeQuietly(eventFd);
        }
    }

    private void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            sys.close(fd);
        } catch (SyscallException e) {
            // nothing left to release
        }
    }
}
