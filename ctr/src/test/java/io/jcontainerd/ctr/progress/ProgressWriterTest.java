package io.jcontainerd.ctr.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProgressWriterTest {
    private static final String ERASE = "\u001b[1A\u001b[2K\r";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalFramesFollowOneAnother() {
        ProgressWriter writer = new ProgressWriter(out, OptionalInt::empty);
        writer.write("a\nb\n");
        writer.flush();
        writer.write("c\n");
        writer.flush();

        assertThat(written()).isEqualTo("a\nb\nc\n");
    }

    @Test
    void onATerminalEachFrameErasesTheLinesOfThePreviousOne() {
        ProgressWriter writer = new ProgressWriter(out, () -> OptionalInt.of(80));
        writer.write("a\nb\n");
        writer.flush();
        writer.write("c\n");
        writer.flush();

        assertThat(written()).isEqualTo("a\nb\n" + ERASE + ERASE + "c\n");
    }

    @Test
    void nothingIsWrittenForAnEmptyFrame() {
        ProgressWriter writer = new ProgressWriter(out, () -> OptionalInt.of(80));
        writer.write("a\n");
        writer.flush();
        writer.flush();

        assertThat(written()).isEqualTo("a\n");
    }

    @Test
    void wrappedLinesCountOncePerScreenLineIgnoringColours() {
        String green = "\u001b[32m+++\u001b[0m";
        assertThat(ProgressWriter.countLines("0123456789\n", OptionalInt.of(10))).isEqualTo(1);
        assertThat(ProgressWriter.countLines("0123456789a\n", OptionalInt.of(10))).isEqualTo(2);
        assertThat(ProgressWriter.countLines("0123456" + green + "\n", OptionalInt.of(10))).isEqualTo(1);
        assertThat(ProgressWriter.countLines("a\n", OptionalInt.of(0))).isZero();
    }
}
