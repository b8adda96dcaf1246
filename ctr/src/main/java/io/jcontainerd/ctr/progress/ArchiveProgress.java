package io.jcontainerd.ctr.progress;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An archive moving between jctr and the daemon, shown as one row of ctr's progress table (bytes
 * so far, of the file's size when known). Drawn only on a terminal, as ctr's tables are redrawn
 * only there; with output to a file or pipe, jctr prints exactly what ctr prints.
 */
public final class ArchiveProgress implements ProgressDisplay.Source, AutoCloseable {
    private final String name;
    private final long total;
    private final ProgressStatus.State state;
    private final AtomicLong moved = new AtomicLong();
    private final ProgressDisplay display;
    private volatile Optional<Path> followed = Optional.empty();

    private ArchiveProgress(String name, long total, ProgressStatus.State state, PrintStream out) {
        this.name = name;
        this.total = total;
        this.state = state;
        this.display = ProgressDisplay.start(new ProgressWriter(out, ProgressDisplay.stdinWidth()), this);
    }

    /** {@return a display of an archive sent to the daemon, when stdin is a terminal} */
    public static Optional<ArchiveProgress> sending(String name, long size, PrintStream out) {
        return StdinTerminal.width().isPresent()
                ? Optional.of(new ArchiveProgress(name, size, ProgressStatus.State.UPLOADING, out)) : Optional.empty();
    }

    /** {@return a display of an archive received from the daemon, when stdin is a terminal} */
    public static Optional<ArchiveProgress> receiving(String name, PrintStream out) {
        return StdinTerminal.width().isPresent()
                ? Optional.of(new ArchiveProgress(name, 0, ProgressStatus.State.DOWNLOADING, out)) : Optional.empty();
    }

    /** {@return {@code in}, counting what is read from it} */
    public InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    moved.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    moved.addAndGet(n);
                }
                return n;
            }
        };
    }

    /** {@return {@code out}, counting what is written to it} */
    public OutputStream counting(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                moved.incrementAndGet();
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                out.write(buf, off, len);
                moved.addAndGet(len);
            }
        };
    }

    /** Counts bytes moved that no stream here carried (the daemon read them from the file). */
    public void add(long bytes) {
        moved.addAndGet(bytes);
    }

    /** Counts what is written to {@code file} from now on as moved: the daemon writes it. */
    public void follow(Path file) {
        followed = Optional.of(file);
    }

    @Override
    public List<ProgressStatus> snapshot(boolean finished) {
        long now = followed.map(ArchiveProgress::sizeOrZero).orElseGet(moved::get);
        return List.of(finished ? new ProgressStatus(name, ProgressStatus.State.DONE, now, Math.max(total, now))
                : new ProgressStatus(name, state, now, total));
    }

    /** Draws the final frame. */
    @Override
    public void close() {
        display.close();
    }

    /** Draws the final frame with all of the archive moved: what was counted left out the tar's headers. */
    public void complete() {
        moved.accumulateAndGet(total, Math::max);
        display.close();
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Leaves the frames drawn so far: the work failed. */
    public void cancel() {
        display.cancel();
    }
}
