package io.jcontainerd.sys;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Waits, on one thread for the whole process, for descriptors to become readable: in the shim the
 * stdin FIFOs of its processes (until their client opens them) and the OOM eventfds of its
 * containers; in the daemon the shims' log FIFOs. A client or shim that never opens its FIFO would
 * otherwise keep a platform thread blocked in {@code open} (about 100 KiB of touched stack and
 * thread state) for the container's whole life. Here each FIFO is opened non-blocking and polled;
 * once a writer has come (data, or its hang-up) the FIFO's action runs. A FIFO nobody opened yet
 * reports no hang-up, so waiting costs nothing until then. A watch is one-shot: its action may
 * watch the descriptor again.
 */
public final class ReadableWatch {
    private static final System.Logger LOG = System.getLogger(ReadableWatch.class.getName());

    private final Syscalls sys;
    /** Descriptor → what to do once it is readable. */
    private final Map<Integer, Runnable> waiting = new ConcurrentHashMap<>();
    /** Cancelled descriptors: closed by the watching thread only, so no number is reused during a poll. */
    private final Queue<Integer> toClose = new ConcurrentLinkedQueue<>();
    private int[] wakeup;

    public ReadableWatch(Syscalls sys) {
        this.sys = sys;
    }

    /**
     * Watches {@code fd} (a FIFO opened {@code O_RDONLY | O_NONBLOCK}, an eventfd); once it is
     * readable {@code readable} runs on the watching thread, and the descriptor is its to close.
     */
    public void watch(int fd, Runnable readable) throws SyscallException {
        startIfNeeded();
        waiting.put(fd, readable);
        wake();
    }

    /**
     * Stops watching {@code fd} for {@code readable} and closes it, unless it already became
     * readable (the number may then belong to another descriptor, hence the match on both).
     *
     * @return whether it was still waiting
     */
    public boolean cancel(int fd, Runnable readable) {
        if (!waiting.remove(fd, readable)) {
            return false;
        }
        toClose.add(fd);
        wake();
        return true;
    }

    private synchronized void startIfNeeded() throws SyscallException {
        if (wakeup == null) {
            wakeup = sys.pipe();
            Thread.ofPlatform().daemon().name("fd-watch").stackSize(256 * 1024).start(this::watchForever);
        }
    }

    private void wake() {
        try {
            sys.write(wakeup[1], new byte[1], 0, 1);
        } catch (SyscallException e) {
            // EAGAIN is impossible in practice (a full pipe already wakes the poll)
            LOG.log(Level.WARNING, "fd watch: " + e.getMessage());
        }
    }

    private void watchForever() {
        byte[] drain = new byte[64];
        while (true) {
            Integer fd;
            while ((fd = toClose.poll()) != null) {
                closeQuietly(fd);
            }
            Integer[] watched = waiting.keySet().toArray(Integer[]::new);
            int[] fds = new int[watched.length + 1];
            short[] events = new short[fds.length];
            short[] revents = new short[fds.length];
            fds[0] = wakeup[0];
            events[0] = Linux.POLLIN;
            for (int i = 0; i < watched.length; i++) {
                fds[i + 1] = watched[i];
                events[i + 1] = Linux.POLLIN;
            }
            try {
                sys.poll(fds, events, revents, -1);
                if (revents[0] != 0) {
                    sys.read(wakeup[0], drain, 0, drain.length);
                }
            } catch (SyscallException e) {
                if (!e.errno().equals(Errno.EINTR)) {
                    LOG.log(Level.ERROR, "fd watch stopped: " + e.getMessage());
                    return;
                }
            }
            for (int i = 1; i < fds.length; i++) {
                Runnable readable = revents[i] != 0 ? waiting.remove(fds[i]) : null;
                if (readable != null) {
                    readable.run();
                }
            }
        }
    }

    private void closeQuietly(int fd) {
        try {
            sys.close(fd);
        } catch (SyscallException e) {
            // nothing left to release
        }
    }
}
