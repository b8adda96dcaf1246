package io.jcontainerd.ctr.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells into columns with the semantics of Go's {@code text/tabwriter}
 * (no flags): a cell is text terminated by a tab; the text after a line's last tab is not part of
 * any column. A column block is a run of consecutive lines that have a cell in that column; its
 * width is the widest cell plus padding, at least {@code minWidth}. Widths count code points.
 */
public final class TabWriter {
    private final Appendable out;
    private final int minWidth;
    private final int tabWidth;
    private final int padding;
    private final char padChar;
    private final StringBuilder pending = new StringBuilder();

    /** Arguments as for Go's {@code tabwriter.NewWriter(out, minwidth, tabwidth, padding, padchar, 0)}. */
    public TabWriter(Appendable out, int minWidth, int tabWidth, int padding, char padChar) {
        this.out = out;
        this.minWidth = minWidth;
        this.tabWidth = tabWidth;
        this.padding = padding;
        this.padChar = padChar;
    }

    public TabWriter print(CharSequence text) {
        pending.append(text);
        return this;
    }

    /** Like Go's {@code fmt.Fprintln}: the text and a newline. */
    public TabWriter println(CharSequence text) {
        return print(text).print("\n");
    }

    /** Writes everything printed so far, aligned. */
    public void flush() {
        List<Line> lines = split(pending.toString());
        pending.setLength(0);
        StringBuilder b = new StringBuilder();
        format(b, lines, 0, lines.size(), new ArrayList<>());
        try {
            out.append(b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Formats lines [from, to) given the widths of the enclosing columns. */
    private void format(StringBuilder b, List<Line> lines, int from, int to, List<Integer> widths) {
        int column = widths.size();
        int blockStart = from;
        for (int i = from; i < to; i++) {
            if (!lines.get(i).hasColumn(column)) {
                continue;
            }
            writeLines(b, lines, blockStart, i, widths);
            int start = i;
            int width = minWidth;
            for (; i < to && lines.get(i).hasColumn(column); i++) {
                width = Math.max(width, lines.get(i).width(column) + padding);
            }
            widths.add(width);
            format(b, lines, start, i, widths);
            widths.removeLast();
            blockStart = i; // line i lacks the column, so the loop may step past it
        }
        writeLines(b, lines, blockStart, to, widths);
    }

    private void writeLines(StringBuilder b, List<Line> lines, int from, int to, List<Integer> widths) {
        for (int i = from; i < to; i++) {
            Line line = lines.get(i);
            for (int j = 0; j < line.cells.size(); j++) {
                String cell = line.cells.get(j);
                b.append(cell);
                if (j < widths.size()) {
                    pad(b, line.width(j), widths.get(j));
                }
            }
            if (line.terminated) {
                b.append('\n');
            }
        }
    }

    private void pad(StringBuilder b, int textWidth, int cellWidth) {
        if (padChar == '\t') {
            if (tabWidth == 0) {
                return;
            }
            // tab padding fills up to the next tab stop at or after the cell width
            int stop = (cellWidth + tabWidth - 1) / tabWidth * tabWidth;
            b.repeat('\t', (stop - textWidth + tabWidth - 1) / tabWidth);
        } else {
            b.repeat(padChar, cellWidth - textWidth);
        }
    }

    private static List<Line> split(String text) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            boolean terminated = nl >= 0;
            int end = terminated ? nl : text.length();
            lines.add(new Line(List.of(text.substring(start, end).split("\t", -1)), terminated));
            start = end + 1;
        }
        return lines;
    }

    /** A line's cells; all but the last are tab-terminated and so belong to columns. */
    private record Line(List<String> cells, boolean terminated) {
        boolean hasColumn(int column) {
            return column < cells.size() - 1;
        }

        int width(int column) {
            String cell = cells.get(column);
            return cell.codePointCount(0, cell.length());
        }
    }
}
