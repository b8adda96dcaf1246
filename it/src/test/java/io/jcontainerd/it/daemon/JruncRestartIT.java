package io.jcontainerd.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.BackgroundProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tasks under our shim ({@code io.containerd.jrunc.v2}, one shim process for the namespace)
 * outlive a restart of our daemon: listed and exec-able again. Killing that one shim with SIGKILL
 * ends every task it served: each is reported exited with 137, and no mount or bundle is left.
 */
class JruncRestartIT extends RestartScenario {
    JruncRestartIT() {
        super("jrunc-restart", "j", 5, List.of("--runtime", "io.containerd.jrunc.v2"));
    }

    @Test
    void tasksSurviveARestartAndKillingTheirShimReportsThemAllExited() throws Exception {
        runTasksAndRestart();

        String address = Files.readString(bundles().resolve(ids.getFirst()).resolve("address"));
        long shimPid = Long.parseLong(Files.readString(Path.of(address.substring("unix://".length()) + ".pid")).strip());
        try (BackgroundProcess events = ctrEvents()) {
            Thread.sleep(500); // subscribed
            ProcessHandle.of(shimPid).orElseThrow().destroyForcibly();
            events.awaitStdout(out -> ids.stream()
                    .allMatch(id -> out.contains("/tasks/delete {\"container_id\":\"" + id + "\"")), Duration.ofSeconds(30));
            for (String id : ids) {
                assertThat(events.stdout()).containsPattern("/tasks/exit \\{\"container_id\":\"" + id + "\".*\"exit_status\":137");
            }
        }
        assertThat(ok(ctr("tasks", "ls")).stdout()).isEqualTo("TASK    PID    STATUS    \n");
        removeContainersAndAssertNothingLeft();
    }
}
