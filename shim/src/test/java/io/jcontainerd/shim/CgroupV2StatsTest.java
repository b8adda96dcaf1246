package io.jcontainerd.shim;

import static org.assertj.core.api.Assertions.assertThat;

import io.containerd.cgroups.v2.MetricsOuterClass.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cgroup v2 figures as ctr tasks metrics prints them, from a unified tree laid out as the kernel does. */
class CgroupV2StatsTest {
    @TempDir
    Path root;

    private void file(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsPidsCpuMemoryAndMemoryEvents() throws Exception {
        file("cgroup.controllers", "cpu memory pids\n");
        file("ns/c1/pids.current", "2\n");
        file("ns/c1/pids.max", "max\n");
        file("ns/c1/cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n");
        file("ns/c1/memory.current", "4096000\n");
        file("ns/c1/memory.max", "max\n");
        file("ns/c1/memory.swap.current", "0\n");
        file("ns/c1/memory.swap.max", "1048576\n");
        file("ns/c1/memory.stat", "anon 1000\nfile 2000\npgfault 7\n");
        file("ns/c1/memory.events", "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");

        CgroupStats stats = CgroupStats.forHost(root);
        Metrics metrics = (Metrics) stats.read("/ns/c1").orElseThrow();

        assertThat(stats.typeUrl()).isEqualTo("io.containerd.cgroups.v2.Metrics");
        assertThat(metrics.getPids().getCurrent()).isEqualTo(2);
        assertThat(metrics.getPids().getLimit()).isZero();
        assertThat(metrics.getCpu().getUsageUsec()).isEqualTo(1500);
        assertThat(metrics.getCpu().getSystemUsec()).isEqualTo(500);
        assertThat(metrics.getMemory().getUsage()).isEqualTo(4096000);
        assertThat(Long.toUnsignedString(metrics.getMemory().getUsageLimit())).isEqualTo("18446744073709551615");
        assertThat(metrics.getMemory().getSwapLimit()).isEqualTo(1048576);
        assertThat(metrics.getMemory().getAnon()).isEqualTo(1000);
        assertThat(metrics.getMemory().getPgfault()).isEqualTo(7);
        assertThat(metrics.getMemoryEvents().getOomKill()).isEqualTo(1);
        assertThat(stats.read("/ns/none")).isEmpty();
    }

    @Test
    void aHierarchyWithoutCgroupControllersIsV1() {
        assertThat(CgroupStats.forHost(root)).isInstanceOf(CgroupV1Stats.class);
    }
}
