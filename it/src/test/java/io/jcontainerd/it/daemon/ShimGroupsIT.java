package io.jcontainerd.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        for (String id : List.of("g0", "g2")) {
            ok(ctr("tasks", "kill", "-s", "KILL", id));
            awaitStopped(id);
            ok(ctr("tasks", "rm", id));
        }
        ok(ctr("containers", "rm", "g0"));
        ok(ctr("containers", "rm", "g2"));
        assertThat(ctr("tasks", "ls").stdout()).isEqualTo("TASK    PID    STATUS    \n");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!shims().isEmpty()) {
            assertThat(System.nanoTime()).as("shims left: " + shims()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void remove(String id) throws InterruptedException {
        ok(ctr("tasks", "kill", "-s", "KILL", id));
        awaitStopped(id);
        ok(ctr("tasks", "rm", id));
        ok(ctr("containers", "rm", id));
    }
}
