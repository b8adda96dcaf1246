package io.jcontainerd.shim;

import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * When a group's shim ends: {@code linger} after {@code Shutdown} found it without containers
 * (0: at once, as the Go shim does), unless a container came meanwhile. The launcher picks a live shim
 * under {@code flock(<socket>.lock)} and touches {@code <socket>.claim}; the decision to end takes
 * the same lock, and a claim made after the shim went idle keeps it (its daemon is about to
 * create), so a start never hands out a shim that is going away. Ending removes the pid file and
 * the socket first, under the lock, so the next start starts a new shim; then the claim and the
 * log (kept only when a shim died).
 */
final class ShimLifetime {
    private static final System.Logger LOG = System.getLogger(ShimLifetime.class.getName());
    /** How long a claimed shim waits for its create before it may end after all. */
    private static final Duration CLAIM_GRACE = Duration.ofSeconds(5);
    private static final String DEFAULT_LINGER_SECONDS = "10";

    private final Syscalls sys;
    private final Path socket;
    private final Duration linger;
    private final BooleanSupplier closeIfIdle;
    private final Runnable exit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lifetime").stackSize(256 * 1024).factory());
    private long idleGeneration;

    /**
     * @param closeIfIdle true (and no more creates accepted) when no container is left
     * @param exit        ends the process once the socket is gone
     */
    ShimLifetime(Syscalls sys, Path socket, Duration linger, BooleanSupplier closeIfIdle, Runnable exit) {
        this.sys = sys;
        this.socket = socket;
        this.linger = linger;
        this.closeIfIdle = closeIfIdle;
        this.exit = exit;
    }

    Path pidFile() {
        return Path.of(socket + ".pid");
    }

    /** The last container is gone: end after the linger, unless one comes meanwhile. */
    synchronized void idle() {
        long generation = ++idleGeneration;
        Instant since = Instant.now();
        timer.schedule(() -> maybeEnd(generation, since), linger.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void maybeEnd(long generation, Instant idleSince) {
        synchronized (this) {
            if (generation != idleGeneration) {
                return; // idle again since: that later check decides
            }
        }
        try {
            int lock = sys.open(RawPath.of(Path.of(socket + ".lock")), Linux.O_RDWR | Linux.O_CREAT | Linux.O_CLOEXEC, 0600);
            try {
                sys.flock(lock, Linux.LOCK_EX);
                if (claimedSince(idleSince)) {
                    timer.schedule(() -> maybeEnd(generation, Instant.now()), CLAIM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                if (!closeIfIdle.getAsBoolean()) {
                    return; // a container came: its deletion makes us idle again
                }
                Files.deleteIfExists(pidFile());
                Files.deleteIfExists(socket);
                // a clean end leaves only the (empty) lock file, which a waiting start may hold open
                Files.deleteIfExists(Path.of(socket + ".claim"));
                Files.deleteIfExists(Path.of(socket + ".log"));
            } finally {
                sys.close(lock); // releases the flock
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "shim lifetime: " + e.getMessage());
            return;
        }
        LOG.log(Level.INFO, "no container left: exiting");
        exit.run();
    }

    private boolean claimedSince(Instant idleSince) throws IOException {
        try {
            return Files.getLastModifiedTime(Path.of(socket + ".claim")).toInstant().isAfter(idleSince);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * {@return {@code JRUNC_LINGER}: seconds a shim stays after its last container} 10 by default:
     * a new shim costs a JVM start, which one-off containers run in a row ({@code ctr run --rm})
     * would otherwise pay every time.
     */
    static Duration lingerFromEnvironment() {
        String value = System.getenv().getOrDefault("JRUNC_LINGER", DEFAULT_LINGER_SECONDS);
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            LOG.log(Level.WARNING, "JRUNC_LINGER=" + value + " is no number of seconds; using " + DEFAULT_LINGER_SECONDS);
            return Duration.ofSeconds(Long.parseLong(DEFAULT_LINGER_SECONDS));
        }
    }
}
