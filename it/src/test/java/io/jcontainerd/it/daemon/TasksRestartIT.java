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
 * are reported; a shim killed with SIGKILL is cleaned up and its task reported exited.
 */
class TasksRestartIT extends RestartScenario {
    TasksRestartIT() {
        super("tasks-restart", "t", 20, List.of());
    }

    @Test
    void tasksSurviveARestartAndADeadShimIsReportedExited() throws Exception {
        runTasksAndRestart();

        try (BackgroundProcess events = ctrEvents()) {
            Thread.sleep(500); // subscribed
            ProcessHandle shim = shimOf("t0");
            shim.destroyForcibly();
            events.awaitStdout(out -> out.contains("/tasks/delete {\"container_id\":\"t0\""), Duration.ofSeconds(20));
            assertThat(events.stdout()).contains("/tasks/exit {\"container_id\":\"t0\",\"id\":\"t0\"")
                    .containsPattern("/tasks/exit \\{\"container_id\":\"t0\".*\"exit_status\":137");
            assertThat(ctr("tasks", "ls").stdout()).doesNotContainPattern("(?m)^t0\\s");

            for (String id : ids.subList(1, ids.size())) {
                ok(ctr("tasks", "kill", "-s", "KILL", id));
            }
            events.awaitStdout(out -> ids.subList(1, ids.size()).stream()
                    .allMatch(id -> out.contains("/tasks/exit {\"container_id\":\"" + id + "\"")), Duration.ofSeconds(30));
        }
        for (String id : ids.subList(1, ids.size())) {
            ProcessResult rm = ctr("tasks", "rm", id);
            assertThat(rm.exitCode()).as(rm.toString()).isZero();
            assertThat(rm.stderr()).contains("exit with non-zero exit code 137");
        }
        removeContainersAndAssertNothingLeft();
    }
}
