package io.jcontainerd.shim;

import io.jcontainerd.sys.ChildExit;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Spawns children and reaps every child of this process on one platform thread
 * ({@code waitpid(-1)}), completing the future of the pid that ended. A child can end before
 * anyone asks for it (runc's container init, reparented to us, may die before we read its pid
 * file): such exits are kept, a bounded number of them, until asked for.
 */
final class Reaper {
    private static final System.Logger LOG = System.getLogger(Reaper.class.getName());
    /** Exits nobody asked for yet; orphans we never hear of again must not grow this forever. */
    private static final int UNCLAIMED_LIMIT = 4096;

    private final Syscalls sys;
    private final Map<Integer, CompletableFuture<ChildExit>> waiting = new HashMap<>();
    private final Map<Integer, ChildExit> unclaimed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, ChildExit> eldest) {
            return size() > UNCLAIMED_LIMIT;
        }
    };
    /** Bumped by every spawn, so the reaper, finding no child, sleeps only until there may be one. */
    private long spawns;

    Reaper(Syscalls sys) {
        this.sys = sys;
        Thread.ofPlatform().daemon().name("reaper").stackSize(256 * 1024).start(this::reapForever);
    }

    /** Spawns {@code argv} (argv[0] an absolute path) with child descriptors {@code fds}; see {@link Syscalls#spawn}. */
    int spawn(List<String> argv, List<String> env, String workDir, int[] fds) throws SyscallException {
        synchronized (this) {
            int pid = sys.spawn(argv.getFirst(), argv, env, workDir, fds);
            spawns++;
            notifyAll();
            return pid;
        }
    }

    /** {@return the exit of {@code pid}, completed when it is reaped (perhaps already)} */
    synchronized CompletableFuture<ChildExit> exitOf(int pid) {
        ChildExit done = unclaimed.remove(pid);
        if (done != null) {
            return CompletableFuture.completedFuture(done);
        }
        return waiting.computeIfAbsent(pid, p -> new CompletableFuture<>());
    }

    private void reapForever() {
        while (true) {
            long seen;
            synchronized (this) {
                seen = spawns;
            }
            Optional<ChildExit> exit;
            try {
                exit = sys.waitAnyChild();
            } catch (SyscallException e) {
                LOG.log(Level.ERROR, "reaper: " + e.getMessage());
                exit = Optional.empty();
            }
            if (exit.isPresent()) {
                dispatch(exit.get());
                continue;
            }
            synchronized (this) {
                while (spawns == seen) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void dispatch(ChildExit exit) {
        CompletableFuture<ChildExit> future;
        synchronized (this) {
            future = waiting.remove(exit.pid());
            if (future == null) {
                unclaimed.put(exit.pid(), exit);
                return;
            }
        }
        future.complete(exit);
    }
}
