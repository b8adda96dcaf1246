package io.jcontainerd.shim;

import static org.assertj.core.api.Assertions.assertThat;

import io.containerd.cgroups.v1.MetricsOuterClass.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures ctr tasks metrics prints, read from a cgroup v1 tree laid out as the kernel does. */
class CgroupV1StatsTest {
    @TempDir
    Path root;

    private void file(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsPidsCpuAndMemoryOfTheContainersCgroup() throws Exception {
        file("pids/ns/c1/pids.current", "3\n");
        file("pids/ns/c1/pids.max", "max\n");
        file("cpuacct/ns/c1/cpuacct.usage", "12709573\n");
        file("cpuacct/ns/c1/cpuacct.usage_percpu", "2145552 10564021 \n");
        file("cpuacct/ns/c1/cpuacct.stat", "user 2\nsystem 1\n");
        file("memory/ns/c1/memory.usage_in_bytes", "532480\n");
        file("memory/ns/c1/memory.limit_in_bytes", "9223372036854771712\n");
        file("memory/ns/c1/memory.stat", "cache 4096\npgpgin 10\ntotal_cache 8192\ntotal_inactive_file 4096\n");

        Metrics metrics = new CgroupV1Stats(root).read("/ns/c1").orElseThrow();

        assertThat(metrics.getPids().getCurrent()).isEqualTo(3);
        assertThat(metrics.getPids().getLimit()).isZero();
        assertThat(metrics.getCpu().getUsage().getTotal()).isEqualTo(12709573);
        assertThat(metrics.getCpu().getUsage().getPerCpuList()).containsExactly(2145552L, 10564021L);
        assertThat(metrics.getCpu().getUsage().getUser()).isEqualTo(20_000_000);
        assertThat(metrics.getCpu().getUsage().getKernel()).isEqualTo(10_000_000);
        assertThat(metrics.getMemory().getUsage().getUsage()).isEqualTo(532480);
        assertThat(metrics.getMemory().getUsage().getLimit()).isEqualTo(9223372036854771712L);
        assertThat(metrics.getMemory().getCache()).isEqualTo(4096);
        assertThat(metrics.getMemory().getPgPgIn()).isEqualTo(10);
        assertThat(metrics.getMemory().getTotalCache()).isEqualTo(8192);
        assertThat(metrics.getMemory().getTotalInactiveFile()).isEqualTo(4096);
    }

    @Test
    void aControllerThatIsNotThereIsLeftOutAndNoneAtAllIsEmpty() throws Exception {
        file("pids/ns/c1/pids.current", "1\n");
        file("pids/ns/c1/pids.max", "64\n");

        Metrics metrics = new CgroupV1Stats(root).read("ns/c1").orElseThrow();

        assertThat(metrics.getPids().getLimit()).isEqualTo(64);
        assertThat(metrics.hasMemory()).isFalse();
        assertThat(metrics.hasCpu()).isFalse();
        assertThat(new CgroupV1Stats(root).read("/ns/none")).isEmpty();
    }
}
