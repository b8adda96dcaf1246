package io.jcontainerd.core.runtime;

/** A process in a task: its init process (ID = the container's) or an exec (ID = the exec ID). */
public interface RuntimeProcess {
    String id();

    State state();

    /** {@return the pid the process started with} */
    int start();

    void kill(int signal, boolean all);

    void resizePty(int width, int height);

    /** Closes the process's stdin. */
    void closeIo();

    /** Blocks until the process exits. */
    Exit waitExit();

    /** Removes the exited process from its task. */
    Exit delete();
}
