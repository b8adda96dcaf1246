package io.jcontainerd.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A command running in a terminal: a detached tmux session on a tmux server of its own (its own
 * socket, so no one else's sessions are touched), driven by keys and read from its pane. Closing
 * kills that server and so the command.
 */
public final class TmuxSession implements AutoCloseable {
    private static final String TMUX = "tmux";
    private static final String SESSION = "main";
    private static final long POLL_MILLIS = 50;

    private final String server = "jcd-it-" + UUID.randomUUID();
    private final ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(10), java.util.Map.of());

    private TmuxSession() {
    }

    /** Starts {@code shellCommand} (run by tmux through {@code sh -c}) in a {@code columns} x {@code rows} terminal. */
    public static TmuxSession start(String shellCommand, int columns, int rows) {
        TmuxSession session = new TmuxSession();
        session.tmux("new-session", "-d", "-s", SESSION, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                shellCommand);
        return session;
    }

    /** Types {@code keys} (tmux key names such as {@code Enter} are not interpreted: literal text) and Enter. */
    public void typeLine(String keys) {
        tmux("send-keys", "-t", SESSION, "-l", keys);
        tmux("send-keys", "-t", SESSION, "Enter");
    }

    /**
     * {@return a shell line that prints {@code prefix} and the terminal's size ("rows columns") as
     * soon as the container has one}: the client sends the size once the task started; until then
     * busybox's stty reports the 0x0 pty as "stty: standard input" and still exits 0, so the line
     * asks up to 10 times, 0.2 s apart, and looks at what stty printed
     *
     * @param stty the stty command in the container ({@code stty}, {@code busybox stty})
     */
    public static String sizeOnceSet(String stty, String prefix) {
        return "for i in 1 2 3 4 5 6 7 8 9 10; do s=$(" + stty + " size 2>&1); "
                + "case \"$s\" in [1-9]*) echo \"" + prefix + "$s\"; break;; esac; sleep 0.2; done";
    }

    /** Resizes the terminal, which sends its program SIGWINCH. */
    public void resize(int columns, int rows) {
        tmux("resize-window", "-t", SESSION, "-x", Integer.toString(columns), "-y", Integer.toString(rows));
    }

    /** {@return the text on the screen} */
    public String pane() {
        return tmux("capture-pane", "-p", "-t", SESSION).stdout();
    }

    /** Waits until the screen satisfies {@code condition}; {@return the screen then} */
    public String awaitPane(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String pane = pane();
        while (!condition.test(pane)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal did not show what was awaited within " + timeout + "; it shows:\n" + pane);
            }
            Thread.sleep(POLL_MILLIS);
            pane = pane();
        }
        return pane;
    }

    private ProcessResult tmux(String... args) {
        List<String> command = new ArrayList<>(List.of(TMUX, "-L", server, "-f", "/dev/null"));
        command.addAll(List.of(args));
        ProcessResult result = runner.run(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(command + " failed: " + result);
        }
        return result;
    }

    @Override
    public void close() {
        runner.run(List.of(TMUX, "-L", server, "kill-server"));
    }
}
