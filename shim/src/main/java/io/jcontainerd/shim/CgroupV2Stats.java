package io.jcontainerd.shim;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.containerd.cgroups.v2.MetricsOuterClass.CPUStat;
import io.containerd.cgroups.v2.MetricsOuterClass.MemoryEvents;
import io.containerd.cgroups.v2.MetricsOuterClass.MemoryStat;
import io.containerd.cgroups.v2.MetricsOuterClass.Metrics;
import io.containerd.cgroups.v2.MetricsOuterClass.PidsStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * cgroup v2 figures as containerd's {@code io.containerd.cgroups.v2.Metrics}, from
 * {@code <root>/<cgroupsPath>}: pids, cpu.stat, memory (memory.stat's keys are the message's
 * field names; current/max and the swap pair give usage and limits) and memory.events.
 */
final class CgroupV2Stats implements CgroupStats {
    private final Path root;

    CgroupV2Stats(Path root) {
        this.root = root;
    }

    @Override
    public String typeUrl() {
        return "io.containerd.cgroups.v2.Metrics";
    }

    @Override
    public Optional<Metrics> read(String cgroupsPath) throws IOException {
        Path dir = root.resolve(CgroupStats.relative(cgroupsPath));
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Metrics.Builder metrics = Metrics.newBuilder()
                .setPids(PidsStat.newBuilder().setCurrent(CgroupStats.number(dir.resolve("pids.current")))
                        .setLimit(Math.max(0, CgroupStats.limit(dir.resolve("pids.max")))));
        CPUStat.Builder cpu = CPUStat.newBuilder();
        copyPairs(dir.resolve("cpu.stat"), cpu, CPUStat.getDescriptor());
        metrics.setCpu(cpu);
        MemoryStat.Builder memory = MemoryStat.newBuilder();
        copyPairs(dir.resolve("memory.stat"), memory, MemoryStat.getDescriptor());
        memory.setUsage(CgroupStats.number(dir.resolve("memory.current")))
                .setUsageLimit(CgroupStats.limit(dir.resolve("memory.max")))
                .setSwapUsage(CgroupStats.number(dir.resolve("memory.swap.current")))
                .setSwapLimit(CgroupStats.limit(dir.resolve("memory.swap.max")));
        metrics.setMemory(memory);
        MemoryEvents.Builder events = MemoryEvents.newBuilder();
        copyPairs(dir.resolve("memory.events"), events, MemoryEvents.getDescriptor());
        metrics.setMemoryEvents(events);
        return Optional.of(metrics.build());
    }

    private static void copyPairs(Path file, com.google.protobuf.Message.Builder target,
            com.google.protobuf.Descriptors.Descriptor type) throws IOException {
        for (String[] kv : CgroupStats.pairs(file)) {
            FieldDescriptor field = type.findFieldByName(kv[0]);
            if (field != null && field.getJavaType() == FieldDescriptor.JavaType.LONG) {
                target.setField(field, Long.parseUnsignedLong(kv[1]));
            }
        }
    }
}
