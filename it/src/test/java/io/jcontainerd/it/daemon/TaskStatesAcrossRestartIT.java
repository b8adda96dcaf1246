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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tasks in other states than running across a restart (RELIABILITY F06, F07), after a clean stop
 * (SIGTERM) and after a crash (SIGKILL: no shutdown, the sockets and the database's log left as
 * they were): one that exits while the daemon is down is listed STOPPED after it and deleting it
 * reports its exit status (its shim outlived both); a paused one is listed PAUSED and resumes; a
 * running one runs on untouched, with the same pid.
 */
class TaskStatesAcrossRestartIT extends RestartScenario {
    TaskStatesAcrossRestartIT() {
        super("task-states", "d", 3, List.of());
    }

    /** How the daemon goes down. */
    enum Stop { SIGTERM, SIGKILL }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void exitedAndPausedTasksAreReportedSoAfterTheRestart(Stop stop) throws Exception {
        Path config = runTasks();
        ok(ctr("tasks", "pause", "d1"));
        String before = ok(ctr("tasks", "ls")).stdout();
        String pidOfD2 = pidOf("d2", "RUNNING", before);
        switch (stop) {
            case SIGTERM -> daemon.close();
            case SIGKILL -> daemon.kill();
        }
        ProcessResult killed = new ProcessRunner(Duration.ofSeconds(10), Map.of())
                .run(List.of("kill", "-KILL", pidOf("d0", "RUNNING", before)));
        assertThat(killed.exitCode()).as(killed.toString()).isZero();
        daemon = home.start(config);

        String tasks = ok(ctr("tasks", "ls")).stdout();
        assertThat(tasks).containsPattern("(?m)^d0\\s+\\d+\\s+STOPPED$").containsPattern("(?m)^d1\\s+\\d+\\s+PAUSED$");
        assertThat(pidOf("d2", "RUNNING", tasks)).isEqualTo(pidOfD2);
        assertThat(ok(ctr("containers", "ls", "-q")).stdout()).isEqualTo("d0\nd1\nd2\n");
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

    /** {@return the pid {@code tasks ls} shows for task {@code id} in {@code status}} */
    private static String pidOf(String id, String status, String tasksLs) {
        Matcher listed = Pattern.compile("(?m)^" + id + "\\s+(\\d+)\\s+" + status + "$").matcher(tasksLs);
        assertThat(listed.find()).as(id + " " + status + " in:\n" + tasksLs).isTrue();
        return listed.group(1);
    }
}
