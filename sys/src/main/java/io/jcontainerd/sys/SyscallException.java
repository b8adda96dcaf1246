package io.jcontainerd.sys;

import java.io.IOException;
import java.util.Optional;

/**
 * A syscall that failed: which call, on which path (if any), and the {@link Errno}. The message
 * reads like {@code lchown /var/lib/x: EPERM (Operation not permitted)}.
 */
public final class SyscallException extends IOException {
    private static final int MAX_MESSAGE_PATH = 512;

    private final String call;
    private final String path;
    private final Errno errno;

    public SyscallException(String call, String path, Errno errno) {
        super(call + (path == null ? "" : " " + shortened(path)) + ": " + errno.name() + " (" + errno.description() + ")");
        this.call = call;
        this.path = path;
        this.errno = errno;
    }

    /** Paths can be long (up to what a layer names); a message keeps their start. */
    private static String shortened(String path) {
        return path.length() <= MAX_MESSAGE_PATH ? path : path.substring(0, MAX_MESSAGE_PATH) + "...";
    }

    public String call() {
        return call;
    }

    /** {@return the path the call was about, if it took one} */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    public Errno errno() {
        return errno;
    }

    /** {@return whether the call failed with {@code other}} */
    public boolean is(Errno other) {
        return errno.equals(other);
    }
}
