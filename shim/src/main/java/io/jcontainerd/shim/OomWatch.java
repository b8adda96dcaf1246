package io.jcontainerd.shim;

import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** How long an exit waits for an OOM kill the kernel has signalled to be told first. */
    private static final Duration PENDING_WAIT = Duration.ofMillis(100);

    private final Syscalls sys;
    private final ReadableWatch watch;
    private final boolean v2;
    /** The v2 unified hierarchy, or v1's memory hierarchy. */
    private final Path hierarchy;
    private final Consumer<String> oomOf;
    /** Each container's watched descriptor; read, told and closed only under its {@link Watched}'s lock. */
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    /** A watched descriptor; {@code closed} once the watch has ended and the number may be reused. */
    private static final class Watched {
        final int fd;
        boolean closed;

        Watched(int fd) {
            this.fd = fd;
        }
    }

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
                    watchV2(containerId, cgroup, watching(containerId, fd), 0);
                }
            } else if (Files.isRegularFile(cgroup.resolve("memory.oom_control"))) {
                fd = sys.eventfd();
                registerV1(cgroup, fd);
                watchV1(containerId, cgroup, watching(containerId, fd));
            }
        } catch (IOException e) {
            // as the Go shim: the task runs on, unwatched
            LOG.log(Level.WARNING, "add cg to OOM monitor: " + containerId + ": " + e.getMessage());
            Watched w = watched.remove(containerId);
            if (w == null) {
                closeQuietly(fd);
            } else {
                close(containerId, w);
            }
        }
    }

    private Watched watching(String containerId, int fd) {
        Watched w = new Watched(fd);
        watched.put(containerId, w);
        return w;
    }

    /**
     * Waits, at most {@link #PENDING_WAIT}, until an OOM kill already signalled for
     * {@code containerId} has been told. The kernel signals it before the killed process is
     * reaped, but it is told on the watch thread, which may not have run yet when the exit is
     * published; the Go shim tells the OOM first.
     */
    void awaitPending(String containerId) {
        Watched w = watched.get(containerId);
        long deadline = System.nanoTime() + PENDING_WAIT.toNanos();
        while (w != null && System.nanoTime() < deadline) {
            synchronized (w) {
                if (w.closed || !readable(w.fd)) {
                    return;
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean readable(int fd) {
        short[] revents = new short[1];
        try {
            return sys.poll(new int[] {fd}, new short[] {Linux.POLLIN}, revents, 0) > 0 && (revents[0] & Linux.POLLIN) != 0;
        } catch (SyscallException e) {
            return false;
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

    private void watchV1(String containerId, Path cgroup, Watched w) throws SyscallException {
        watch.watch(w.fd, () -> {
            synchronized (w) {
                try {
                    sys.read(w.fd, new byte[Long.BYTES], 0, Long.BYTES); // resets the count
                    if (!Files.isDirectory(cgroup)) {
                        close(containerId, w);
                        return;
                    }
                    oomOf.accept(containerId);
                    watchV1(containerId, cgroup, w);
                } catch (SyscallException | RuntimeException e) {
                    stopped(containerId, w, e);
                }
            }
        });
    }

    /** @param oomKills the {@code oom_kill} count told so far */
    private void watchV2(String containerId, Path cgroup, Watched w, long oomKills) throws SyscallException {
        watch.watch(w.fd, () -> {
            synchronized (w) {
                try {
                    sys.read(w.fd, new byte[4096], 0, 4096); // the queued events; one read is enough to learn "modified"
                    long now = counter(cgroup.resolve("memory.events"), "oom_kill");
                    if (now > oomKills) {
                        oomOf.accept(containerId);
                    }
                    if (counter(cgroup.resolve("cgroup.events"), "populated") == 0) {
                        close(containerId, w);
                        return;
                    }
                    watchV2(containerId, cgroup, w, Math.max(now, oomKills));
                } catch (IOException | RuntimeException e) {
                    stopped(containerId, w, e); // the cgroup went (reads fail with ENOENT or ENODEV)
                }
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

    private void stopped(String containerId, Watched w, Exception e) {
        LOG.log(Level.DEBUG, "OOM monitor of " + containerId + " ends: " + e.getMessage());
        close(containerId, w);
    }

    /** Ends {@code w}'s watch: its number may be reused from now on. */
    private void close(String containerId, Watched w) {
        synchronized (w) {
            watched.remove(containerId, w);
            w.closed = true;
            closeQuietly(w.fd);
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
