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
 * A container's out-of-memory kills, told as the Go shim tells them, each watch polled on the
 * shim's one {@link ReadableWatch} thread from the container's start until its cgroup goes.
 * <ul>
 * <li>cgroup v1: an eventfd registered for the memory cgroup's {@code memory.oom_control} through
 * its {@code cgroup.event_control}. The kernel also signals it when the cgroup is removed; an
 * event whose cgroup is gone is not an OOM.</li>
 * <li>cgroup v2: inotify on the cgroup's {@code memory.events}; a rise of its {@code oom_kill}
 * count is an OOM. The watch ends once {@code cgroup.events} says the cgroup is empty.</li>
 * </ul>
 */
final class OomWatch {
    private static final System.Logger LOG = System.getLogger(OomWatch.class.getName());

    private final Syscalls sys;
    private final ReadableWatch watch;
    private final boolean v2;
    /** The v2 unified hierarchy, or v1's memory hierarchy. */
    private final Path hierarchy;
    private final Consumer<String> oomOf;

    /**
     * @param cgroupRoot the host's cgroup mount ({@code /sys/fs/cgroup}), v1 or v2
     * @param oomOf      called with the container's id on each OOM kill in its cgroup (on the watch thread)
     */
    OomWatch(Syscalls sys, ReadableWatch watch, Path cgroupRoot, Consumer<String> oomOf) {
        this.sys = sys;
        this.watch = watch;
        this.v2 = CgroupStats.unified(cgroupRoot);
        this.hierarchy = v2 ? cgroupRoot : cgroupRoot.resolve("memory");
        this.oomOf = oomOf;
    }

    /** Watches {@code containerId}'s cgroup (its spec's {@code cgroupsPath}) from now until the cgroup goes. */
    void add(String containerId, String cgroupsPath) {
        Path cgroup = hierarchy.resolve(CgroupStats.relative(cgroupsPath));
        int fd = -1;
        try {
            if (v2) {
                if (Files.isRegularFile(cgroup.resolve("memory.events"))) {
                    fd = sys.inotifyWatch(RawPath.of(cgroup.resolve("memory.events")), Linux.IN_MODIFY);
                    watchV2(containerId, cgroup, fd, 0);
                }
            } else if (Files.isRegularFile(cgroup.resolve("memory.oom_control"))) {
                fd = sys.eventfd();
                registerV1(cgroup, fd);
                watchV1(containerId, cgroup, fd);
            }
        } catch (IOException e) {
            // as the Go shim: the task runs on, unwatched
            LOG.log(Level.WARNING, "add cg to OOM monitor: " + containerId + ": " + e.getMessage());
            closeQuietly(fd);
        }
    }

    /** {@code "<eventfd> <fd of memory.oom_control>"} into {@code cgroup.event_control}, in one write. */
    private void registerV1(Path cgroup, int eventFd) throws IOException {
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

    private void watchV1(String containerId, Path cgroup, int eventFd) throws SyscallException {
        watch.watch(eventFd, () -> {
            try {
                sys.read(eventFd, new byte[Long.BYTES], 0, Long.BYTES); // resets the count
                if (!Files.isDirectory(cgroup)) {
                    closeQuietly(eventFd);
                    return;
                }
                oomOf.accept(containerId);
                watchV1(containerId, cgroup, eventFd);
            } catch (SyscallException | RuntimeException e) {
                stopped(containerId, eventFd, e);
            }
        });
    }

    /** @param oomKills the {@code oom_kill} count told so far */
    private void watchV2(String containerId, Path cgroup, int inotifyFd, long oomKills) throws SyscallException {
        watch.watch(inotifyFd, () -> {
            try {
                sys.read(inotifyFd, new byte[4096], 0, 4096); // the queued events; one read is enough to learn "modified"
                long now = counter(cgroup.resolve("memory.events"), "oom_kill");
                if (now > oomKills) {
                    oomOf.accept(containerId);
                }
                if (counter(cgroup.resolve("cgroup.events"), "populated") == 0) {
                    closeQuietly(inotifyFd);
                    return;
                }
                watchV2(containerId, cgroup, inotifyFd, Math.max(now, oomKills));
            } catch (IOException | RuntimeException e) {
                stopped(containerId, inotifyFd, e); // the cgroup went (reads fail with ENOENT or ENODEV)
            }
        });
    }

    /** {@return the value of {@code key} in a flat-keyed cgroup file ({@code key value} per line), 0 if absent} */
    private static long counter(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(0, space).equals(key)) {
                return Long.parseLong(line.substring(space + 1).strip());
            }
        }
        return 0;
    }

    private void stopped(String containerId, int fd, Exception e) {
        LOG.log(Level.DEBUG, "OOM monitor of " + containerId + " ends: " + e.getMessage());
        closeQuietly(fd);
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
