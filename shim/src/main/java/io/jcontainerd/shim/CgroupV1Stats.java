package io.jcontainerd.shim;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.containerd.cgroups.v1.MetricsOuterClass.CPUStat;
import io.containerd.cgroups.v1.MetricsOuterClass.CPUUsage;
import io.containerd.cgroups.v1.MetricsOuterClass.MemoryEntry;
import io.containerd.cgroups.v1.MetricsOuterClass.MemoryStat;
import io.containerd.cgroups.v1.MetricsOuterClass.Metrics;
import io.containerd.cgroups.v1.MetricsOuterClass.PidsStat;
import io.containerd.cgroups.v1.MetricsOuterClass.Throttle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A container's cgroup v1 figures as containerd's {@code io.containerd.cgroups.v1.Metrics}, read
 * from {@code <root>/<controller>/<cgroupsPath>}: pids, cpuacct (+ cpu throttling) and memory, the
 * controllers {@code ctr tasks metrics} prints. A controller that is not mounted is left out, as
 * the Go shim's {@code IgnoreNotExist}.
 */
final class CgroupV1Stats implements CgroupStats {
    /** cpuacct.stat counts USER_HZ ticks; containerd reports nanoseconds. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    private final Path root;

    CgroupV1Stats(Path root) {
        this.root = root;
    }

    @Override
    public String typeUrl() {
        return "io.containerd.cgroups.v1.Metrics";
    }

    @Override
    public Optional<Metrics> read(String cgroupsPath) throws IOException {
        String relative = CgroupStats.relative(cgroupsPath);
        Metrics.Builder metrics = Metrics.newBuilder();
        Path pids = root.resolve("pids").resolve(relative);
        if (Files.isDirectory(pids)) {
            String max = CgroupStats.text(pids.resolve("pids.max")).orElse("max");
            metrics.setPids(PidsStat.newBuilder().setCurrent(CgroupStats.number(pids.resolve("pids.current")))
                    .setLimit(max.equals("max") ? 0 : Long.parseUnsignedLong(max)));
        }
        Path cpuacct = root.resolve("cpuacct").resolve(relative);
        if (Files.isDirectory(cpuacct)) {
            metrics.setCpu(cpu(cpuacct, root.resolve("cpu").resolve(relative)));
        }
        Path memory = root.resolve("memory").resolve(relative);
        if (Files.isDirectory(memory)) {
            metrics.setMemory(memory(memory));
        }
        return metrics.hasPids() || metrics.hasCpu() || metrics.hasMemory() ? Optional.of(metrics.build()) : Optional.empty();
    }

    private static CPUStat cpu(Path cpuacct, Path cpu) throws IOException {
        CPUUsage.Builder usage = CPUUsage.newBuilder().setTotal(CgroupStats.number(cpuacct.resolve("cpuacct.usage")));
        for (String perCpu : CgroupStats.text(cpuacct.resolve("cpuacct.usage_percpu")).orElse("").split("\\s+")) {
            if (!perCpu.isEmpty()) {
                usage.addPerCpu(Long.parseUnsignedLong(perCpu));
            }
        }
        for (String line : lines(cpuacct.resolve("cpuacct.stat"))) {
            String[] kv = line.split("\\s+");
            if (kv.length == 2 && kv[0].equals("user")) {
                usage.setUser(Long.parseUnsignedLong(kv[1]) * NANOS_PER_TICK);
            } else if (kv.length == 2 && kv[0].equals("system")) {
                usage.setKernel(Long.parseUnsignedLong(kv[1]) * NANOS_PER_TICK);
            }
        }
        Throttle.Builder throttle = Throttle.newBuilder();
        for (String line : lines(cpu.resolve("cpu.stat"))) {
            String[] kv = line.split("\\s+");
            if (kv.length != 2) {
                continue;
            }
            long value = Long.parseUnsignedLong(kv[1]);
            switch (kv[0]) {
                case "nr_periods" -> throttle.setPeriods(value);
                case "nr_throttled" -> throttle.setThrottledPeriods(value);
                case "throttled_time" -> throttle.setThrottledTime(value);
                default -> {
                }
            }
        }
        return CPUStat.newBuilder().setUsage(usage).setThrottling(throttle).build();
    }

    private static MemoryStat memory(Path dir) throws IOException {
        MemoryStat.Builder stat = MemoryStat.newBuilder();
        for (String line : lines(dir.resolve("memory.stat"))) {
            String[] kv = line.split("\\s+");
            if (kv.length != 2) {
                continue;
            }
            FieldDescriptor field = MemoryStat.getDescriptor().findFieldByName(fieldName(kv[0]));
            if (field != null && field.getJavaType() == FieldDescriptor.JavaType.LONG) {
                stat.setField(field, Long.parseUnsignedLong(kv[1]));
            }
        }
        stat.setUsage(entry(dir, "memory."));
        stat.setSwap(entry(dir, "memory.memsw."));
        stat.setKernel(entry(dir, "memory.kmem."));
        stat.setKernelTcp(entry(dir, "memory.kmem.tcp."));
        return stat.build();
    }

    /** memory.stat's keys are the field names, except the page counters ({@code pgpgin} is {@code pg_pg_in}). */
    private static String fieldName(String key) {
        String prefix = key.startsWith("total_") ? "total_" : "";
        String base = key.substring(prefix.length());
        return prefix + switch (base) {
            case "pgpgin" -> "pg_pg_in";
            case "pgpgout" -> "pg_pg_out";
            case "pgfault" -> "pg_fault";
            case "pgmajfault" -> "pg_maj_fault";
            default -> base;
        };
    }

    private static MemoryEntry entry(Path dir, String prefix) throws IOException {
        return MemoryEntry.newBuilder()
                .setUsage(CgroupStats.number(dir.resolve(prefix + "usage_in_bytes")))
                .setMax(CgroupStats.number(dir.resolve(prefix + "max_usage_in_bytes")))
                .setFailcnt(CgroupStats.number(dir.resolve(prefix + "failcnt")))
                .setLimit(CgroupStats.number(dir.resolve(prefix + "limit_in_bytes")))
                .build();
    }

    private static List<String> lines(Path file) throws IOException {
        return CgroupStats.text(file).map(t -> t.lines().toList()).orElse(List.of());
    }

}
