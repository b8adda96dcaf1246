package io.jcontainerd.ctr.progress;

import java.io.PrintStream;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * ctr's {@code progress.Writer}: holds a frame until {@link #flush}, which first erases the previous
 * frame (cursor up, clear line, once per screen line it took) and then writes the new one. Like
 * ctr it measures the screen through stdin: when stdin is no terminal, nothing is erased and the
 * frames follow one another (what ctr writes to a file or pipe).
 */
public final class ProgressWriter {
    private static final String ERASE_LINE = "\u001b[1A\u001b[2K\r";
    private static final Pattern COLOR = Pattern.compile("\u001b\\[[0-9]+m\u001b?");

    private final PrintStream out;
    private final Supplier<OptionalInt> terminalWidth;
    private final StringBuilder frame = new StringBuilder();
    private int lines;

    /** @param terminalWidth the columns of the terminal on stdin, empty when it is none */
    public ProgressWriter(PrintStream out, Supplier<OptionalInt> terminalWidth) {
        this.out = out;
        this.terminalWidth = terminalWidth;
    }

    public void write(String text) {
        frame.append(text);
    }

    public void flush() {
        if (frame.isEmpty()) {
            return;
        }
        out.print(ERASE_LINE.repeat(lines));
        lines = countLines(frame.toString(), terminalWidth.get());
        out.print(frame);
        out.flush();
        frame.setLength(0);
    }

    /** The screen lines {@code text} takes at the width, wrapped lines counted; 0 without a terminal. */
    static int countLines(String text, OptionalInt width) {
        if (width.isEmpty() || width.getAsInt() <= 0) {
            return 0;
        }
        int w = width.getAsInt();
        int lines = -1;
        for (String line : text.split("\n", -1)) {
            int length = COLOR.matcher(line).replaceAll("").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            lines += (length - 1) / w + 1;
        }
        return lines;
    }
}
