package io.jcontainerd.ctr.commands.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.ctr.CtrApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventsHelpTest {
    @Test
    void helpReadsAsCtrs() {
        for (String[] args : new String[][] {{"events", "--help"}, {"event", "-h"}, {"help", "events"}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            assertThat(new CtrApp(print, print).run(args)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).isEqualTo("""
                    NAME:
                       ctr events - display containerd events

                    USAGE:
                       ctr events [arguments...]
                    """);
        }
    }
}
