package io.jcontainerd.ctr.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.ctr.progress.ProgressStatus.State;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void closingDrawsTheFinishedSnapshotLast() {
        ProgressDisplay display = ProgressDisplay.start(new ProgressWriter(out, OptionalInt::empty),
                finished -> List.of(ProgressStatus.of("ref", finished ? State.DONE : State.WAITING)));
        display.close();

        String text = bytes.toString(StandardCharsets.UTF_8);
        String lastFrame = text.substring(text.lastIndexOf("ref:"));
        assertThat(lastFrame).matches("(?s)ref: +done .*\nelapsed: .*");
    }

    @Test
    void cancellingDrawsNoFinalFrame() throws InterruptedException {
        ProgressDisplay display = ProgressDisplay.start(new ProgressWriter(out, OptionalInt::empty),
                finished -> List.of(ProgressStatus.of("ref", finished ? State.DONE : State.WAITING)));
        Thread.sleep(350);
        display.cancel();
        display.close();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("ref: +waiting").doesNotContain("done");
    }
}
