package io.jcontainerd.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Tasks in other states than running across a restart (RELIABILITY F06, F07): one that exits while
 * the daemon is down is listed STOPPED after it and deleting it reports its exit status (its shim
 * outlived both); a paused one is listed PAUSED and resumes; a running one runs on untouched.
 */
class TaskStatesAcrossRestartIT extends RestartScenario {
    TaskStatesAcrossRestartIT() {
        super("task-states", "d", 3, List.of());
    }

    @Test
    void exitedAndPausedTasksAreReportedSoAfterTheRestart() throws Exception {
        Path config = runTasks();
        ok(ctr("tasks", "pause", "d1"));
        Matcher listed = Pattern.compile("(?m)^d0\\s+(\\d+)\\s+RUNNING$").matcher(ok(ctr("tasks", "ls")).stdout());
        assertThat(listed.find()).isTrue();
        daemon.close();
        ProcessResult killed = new ProcessRunner(Duration.ofSeconds(10), Map.of()).run(List.of("kill", "-KILL", listed.group(1)));
        assertThat(killed.exitCode()).as(killed.toString()).isZero();
        daemon = home.start(config);

        String tasks = ok(ctr("tasks", "ls")).stdout();
        assertThat(tasks).containsPattern("(?m)^d0\\s+\\d+\\s+STOPPED$").containsPattern("(?m)^d1\\s+\\d+\\s+PAUSED$")
                .containsPattern("(?m)^d2\\s+\\d+\\s+RUNNING$");
        ProcessResult rm = ok(ctr("tasks", "rm", "d0"));
        assertThat(rm.stderr()).contains("exit with non-zero exit code 137");
        ok(ctr("tasks", "resume", "d1"));
        assertThat(ok(ctr("tasks", "exec", "--exec-id", "r", "d1", "echo", "resumed")).stdout()).isEqualTo("resumed\n");
        for (String id : List.of("d1", "d2")) {
            ok(ctr("tasks", "kill", "-s", "KILL", id));
            awaitStopped(id);
            ok(ctr("tasks", "rm", id));
        }
        removeContainersAndAssertNothingLeft();
    }
}
