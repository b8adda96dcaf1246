package io.jcontainerd.sys;

/**
 * What a failed downcall (not a failed syscall) becomes. {@code MethodHandle.invokeExact} declares
 * {@code Throwable}, but a downcall can only fail with the JVM's own errors and runtime
 * exceptions, which pass through unchanged; anything else would be a linkage bug, never an
 * expected condition.
 */
public final class DowncallFailure {
    private DowncallFailure() {
    }

    /** {@return {@code t} to throw}: itself when unchecked, else wrapped; an {@link Error} is thrown at once */
    public static RuntimeException of(String function, Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(function + " failed", t);
    }
}
