package io.jcontainerd.ctr.progress;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * ctr's progress loop: every 100 ms it flushes the frame drawn last time and draws a new one from
 * a snapshot; {@link #close} draws a final snapshot (taken after the work ended) and flushes it, so
 * the last table on screen shows the outcome.
 */
public final class ProgressDisplay implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(100);

    /** What the display asks for each frame. */
    public interface Source {
        /** @param finished the work is over: report final states without asking anyone */
        List<ProgressStatus> snapshot(boolean finished);
    }

    private final ProgressWriter writer;
    private final Source source;
    private final long start = System.nanoTime();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;

    private ProgressDisplay(ProgressWriter writer, Source source) {
        this.writer = writer;
        this.source = source;
        this.thread = Thread.ofPlatform().daemon().name("progress").start(this::loop);
    }

    /** Starts drawing {@code source} through {@code writer}. */
    public static ProgressDisplay start(ProgressWriter writer, Source source) {
        return new ProgressDisplay(writer, source);
    }

    /** {@return a supplier of the terminal width as ctr measures it} */
    public static Supplier<java.util.OptionalInt> stdinWidth() {
        return StdinTerminal::width;
    }

    private void loop() {
        try {
            while (!finished.await(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
                writer.flush();
                draw(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a failed status query: ctr logs it and keeps the last frame; the work's own error matters more
            System.getLogger(ProgressDisplay.class.getName()).log(System.Logger.Level.DEBUG, "progress", e);
        }
    }

    private void draw(boolean done) {
        writer.write(ProgressTable.render(source.snapshot(done), Duration.ofNanos(System.nanoTime() - start)));
    }

    /** Stops the loop and shows the final frame. */
    @Override
    public void close() {
        if (stop()) {
            writer.flush();
            draw(true);
            writer.flush();
        }
    }

    /** Stops the loop leaving the frames drawn so far, as ctr does when the work failed. */
    public void cancel() {
        stop();
    }

    /** {@return whether this call stopped the loop} */
    private boolean stop() {
        if (finished.getCount() == 0) {
            return false;
        }
        finished.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
