package io.jcontainerd.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hung shim (SIGSTOPped; RELIABILITY F10) holds up only its own tasks: a call to it ends at the
 * client's deadline, a container of another shim answers at once, and the task list answers
 * within the task state timeout, showing the hung shim's tasks UNKNOWN. The shim, continued,
 * serves again. Two tasks per shim here ({@code shim_group_size = 2}), so h0 and h1 share one.
 */
class HungShimIT extends RestartScenario {
    private static final Duration PROMPT = Duration.ofSeconds(6);
    private final ProcessRunner signals = new ProcessRunner(Duration.ofSeconds(10), Map.of());

    HungShimIT() {
        super("hung-shim", "h", 3, List.of(), shimGroupSize(2));
    }

    @Test
    void aStoppedShimHoldsUpOnlyItsOwnTasks() throws Exception {
        runTasks();
        assertThat(shimOf("h1")).isEqualTo(shimOf("h0")).isNotEqualTo(shimOf("h2"));
        long shim = shimOf("h0").pid();
        assertThat(signals.run(List.of("kill", "-STOP", Long.toString(shim))).exitCode()).isZero();
        try {
            ProcessResult kill = timed(() -> ctr("--timeout", "2s", "tasks", "kill", "h0"));
            assertThat(kill.exitCode()).as(kill.toString()).isEqualTo(1);
            assertThat(kill.stderr()).contains("context deadline exceeded");

            assertThat(ok(timed(() -> ctr("tasks", "exec", "--exec-id", "y", "h2", "echo", "served"))).stdout())
                    .isEqualTo("served\n");
            String tasks = ok(timed(() -> ctr("tasks", "ls"))).stdout();
            assertThat(tasks).containsPattern("(?m)^h0\\s+0\\s+UNKNOWN$").containsPattern("(?m)^h1\\s+0\\s+UNKNOWN$")
                    .containsPattern("(?m)^h2\\s+\\d+\\s+RUNNING$");
        } finally {
            signals.run(List.of("kill", "-CONT", Long.toString(shim)));
        }
        assertThat(ok(ctr("tasks", "ls")).stdout()).containsPattern("(?m)^h0\\s+\\d+\\s+RUNNING$")
                .containsPattern("(?m)^h1\\s+\\d+\\s+RUNNING$");
        for (String id : ids) {
            ok(ctr("tasks", "kill", "-s", "KILL", id));
        }
        for (String id : ids) {
            awaitStopped(id);
            ok(ctr("tasks", "rm", id));
        }
        removeContainersAndAssertNothingLeft();
    }

    /** {@return what {@code call} gave}, after checking it answered within {@link #PROMPT} */
    private static ProcessResult timed(java.util.function.Supplier<ProcessResult> call) {
        long start = System.nanoTime();
        ProcessResult result = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered promptly: " + result).isLessThan(PROMPT);
        return result;
    }
}
