package io.jcontainerd.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Debian's runc shim serving several tasks of a namespace ({@code shim_group_size = 2} here): the
 * first two tasks share a shim, the third gets another, and a spec that names its own group keeps
 * it. The shared shim outlives the task whose bundle it started in; it exits with its last task,
 * and the next task of the group starts a new one. The group is named in the bundle's spec only,
 * not in the container's.
 */
class ShimGroupsIT extends RestartScenario {
    ShimGroupsIT() {
        super("shim-groups", "g", 3, List.of(), shimGroupSize(2));
    }

    @Test
    void tasksShareShimsUpToTheGroupSize() throws Exception {
        runTasks();
        ProcessHandle first = shimOf("g0");
        assertThat(shimOf("g1")).isEqualTo(first);
        assertThat(shimOf("g2")).isNotEqualTo(first);
        assertThat(Files.readString(bundles().resolve("g1/config.json"))).contains("\"io.containerd.runc.v2.group\":\"jcontainerd:0\"");
        assertThat(ok(ctr("containers", "info", "g1")).stdout()).doesNotContain("io.containerd.runc.v2.group");

        ok(ctr("run", "-d", "--annotation", "io.containerd.runc.v2.group=mine", IMAGE, "own", "sleep", "1000"));
        try {
            assertThat(shimOf("own")).isNotIn(first, shimOf("g2"));
            assertThat(shims()).hasSize(3);
        } finally {
            ctr("tasks", "rm", "-f", "own");
            ctr("containers", "rm", "own");
        }

        remove("g0"); // the task whose bundle the shared shim started in
        assertThat(first.isAlive()).isTrue();
        assertThat(ok(ctr("tasks", "exec", "--exec-id", "x", "g1", "echo", "still served")).stdout()).isEqualTo("still served\n");
        remove("g1");
        assertThat(first.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();

        ok(ctr("run", "-d", IMAGE, "g0", "sleep", "1000"));
        assertThat(shimOf("g0")).isNotEqualTo(first).isNotEqualTo(shimOf("g2"));
        assertThat(ok(ctr("tasks", "exec", "--exec-id", "x", "g0", "echo", "served")).stdout()).isEqualTo("served\n");
        remove("g0");
        remove("g2");
        assertThat(ctr("tasks", "ls").stdout()).isEqualTo("TASK    PID    STATUS    \n");
        awaitNoShims();
    }

    /**
     * Tasks run and deleted in parallel, round after round, so the groups' shims exit and new
     * tasks start theirs at once on the sockets left behind: every command succeeds, and once the
     * tasks are gone no shim is left (two starts racing on a dead shim's socket leaked one).
     */
    @Test
    void parallelRunsAndDeletesLeaveNoShimBehind() throws Exception {
        runTasks();
        List<String> load = IntStream.range(0, 12).mapToObj(i -> "p" + i).toList();
        try {
            for (int round = 0; round < 4; round++) {
                inParallel(load, id -> ctr("run", "-d", IMAGE, id, "sleep", "1000"));
                assertThat(shims()).as("g0 to g2 and these 12, two to a shim").hasSize(8);
                inParallel(load, id -> {
                    ProcessResult rm = ctr("tasks", "rm", "-f", id);
                    return rm.exitCode() == 0 ? ctr("containers", "rm", id) : rm;
                });
            }
        } finally {
            load.forEach(id -> {
                ctr("tasks", "rm", "-f", id);
                ctr("containers", "rm", id);
            });
        }
        for (String id : ids) {
            remove(id);
        }
        awaitNoShims();
    }

    /** Runs {@code command} for every id at once; each must succeed. */
    private static void inParallel(List<String> ids, Function<String, ProcessResult> command) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ProcessResult>> results = ids.stream().map(id -> threads.submit(() -> command.apply(id))).toList();
            for (Future<ProcessResult> result : results) {
                ok(result.get());
            }
        }
    }

    private void remove(String id) throws InterruptedException {
        ok(ctr("tasks", "kill", "-s", "KILL", id));
        awaitStopped(id);
        ok(ctr("tasks", "rm", id));
        ok(ctr("containers", "rm", id));
    }
}
