package io.jcontainerd.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.BackgroundProcess;
import io.jcontainerd.it.support.ProcessResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tasks outlive the daemon: after a restart it reconnects to every shim (Debian's
 * containerd-shim-runc-v2), so the tasks are listed, exec-able and killable again and their exits
 * are reported. The 20 tasks share two shims, 16 and 4 (the default {@code shim_group_size}); the
 * first, killed with SIGKILL, is cleaned up and its 16 tasks reported exited, while the other
 * shim's tasks run on.
 */
class TasksRestartIT extends RestartScenario {
    TasksRestartIT() {
        super("tasks-restart", "t", 20, List.of());
    }

    @Test
    void tasksSurviveARestartAndADeadShimIsReportedExited() throws Exception {
        runTasksAndRestart();
        List<String> first = ids.subList(0, 16);
        List<String> second = ids.subList(16, ids.size());
        assertThat(shims()).hasSize(2);
        for (String id : first) {
            assertThat(shimOf(id)).as(id).isEqualTo(shimOf("t0"));
        }
        for (String id : second) {
            assertThat(shimOf(id)).as(id).isEqualTo(shimOf("t16")).isNotEqualTo(shimOf("t0"));
        }

        try (BackgroundProcess events = ctrEvents()) {
            Thread.sleep(500); // subscribed
            shimOf("t0").destroyForcibly();
            events.awaitStdout(out -> first.stream().allMatch(id -> out.contains("/tasks/delete {\"container_id\":\"" + id + "\"")),
                    Duration.ofSeconds(30));
            String tasks = ctr("tasks", "ls").stdout();
            for (String id : first) {
                assertThat(events.stdout()).containsPattern("/tasks/exit \\{\"container_id\":\"" + id + "\",\"id\":\"" + id
                        + "\".*\"exit_status\":137");
                assertThat(tasks).doesNotContainPattern("(?m)^" + id + "\\s");
            }
            for (String id : second) {
                assertThat(tasks).containsPattern("(?m)^" + id + "\\s+\\d+\\s+RUNNING$");
                ok(ctr("tasks", "kill", "-s", "KILL", id));
            }
            events.awaitStdout(out -> second.stream().allMatch(id -> out.contains("/tasks/exit {\"container_id\":\"" + id + "\"")),
                    Duration.ofSeconds(30));
        }
        for (String id : second) {
            ProcessResult rm = ctr("tasks", "rm", id);
            assertThat(rm.exitCode()).as(rm.toString()).isZero();
            assertThat(rm.stderr()).contains("exit with non-zero exit code 137");
        }
        removeContainersAndAssertNothingLeft();
        awaitNoShims();
    }
}
