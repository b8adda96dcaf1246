package io.jcontainerd.sys;

/**
 * A reaped child: its pid and the raw {@code waitpid} status word.
 *
 * @param pid    the child's process ID
 * @param status the status word as {@code waitpid(2)} filled it
 */
public record ChildExit(int pid, int status) {

    /** {@return whether the child was ended by a signal} */
    public boolean signaled() {
        return (status & 0x7f) != 0 && (status & 0x7f) != 0x7f;
    }

    /**
     * {@return the exit status as a shell and containerd report it: the exit code, or 128 plus the
     * signal that ended the child}
     */
    public int exitStatus() {
        return signaled() ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
    }
}
