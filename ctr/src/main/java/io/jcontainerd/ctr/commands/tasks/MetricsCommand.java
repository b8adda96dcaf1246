package io.jcontainerd.ctr.commands.tasks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.containerd.cgroups.v1.MetricsOuterClass.Metrics;
import io.jcontainerd.client.TaskMetric;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.text.GoJson;
import io.jcontainerd.ctr.text.GoJsonIndent;
import io.jcontainerd.ctr.text.GoTime;
import io.jcontainerd.ctr.text.TabWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * ctr's {@code tasks metrics}: one data point of the task's cgroup metrics (v1 or v2, whichever
 * the shim reports), as ctr's table or as Go's indented JSON of the metrics struct.
 */
@Command(name = "metrics", aliases = "metric",
        header = "get a single data point of metrics for a task with the built-in Linux runtime", customSynopsis = "CONTAINER")
final class MetricsCommand implements CtrCommand {
    private static final String V1_TYPE = "io.containerd.cgroups.v1.Metrics";
    private static final String V2_TYPE = "io.containerd.cgroups.v2.Metrics";

    @Option(names = {"--format", "-format"}, description = "\"table\" or \"json\"")
    String format = "table";

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws InvalidProtocolBufferException {
        String id = args.isEmpty() ? "" : args.getFirst();
        TaskProcess.load(context, id);
        List<TaskMetric> metrics = context.client().tasks().metrics(List.of("id==" + id));
        if (metrics.isEmpty()) {
            throw new CommandException("no metrics received");
        }
        TaskMetric metric = metrics.getFirst();
        Message data = switch (metric.data().typeUrl()) {
            case V1_TYPE -> Metrics.parseFrom(metric.data().value());
            case V2_TYPE -> io.containerd.cgroups.v2.MetricsOuterClass.Metrics.parseFrom(metric.data().value());
            default -> throw new CommandException("cannot convert metric data to cgroups.Metrics or windows.Statistics");
        };
        switch (format) {
            case "table" -> context.out().print(table(metric, data));
            case "json" -> context.out().println(GoJsonIndent.indent(GoJson.marshal(data), "  "));
            default -> throw new CommandException("format must be table or json");
        }
        return 0;
    }

    private static String table(TaskMetric metric, Message data) {
        StringBuilder b = new StringBuilder();
        TabWriter w = new TabWriter(b, 1, 8, 4, ' ');
        w.print("ID\tTIMESTAMP\t\n");
        w.print(metric.id() + "\t" + GoTime.utcString(metric.timestamp()) + "\t\n\n");
        w.print("METRIC\tVALUE\t\n");
        switch (data) {
            case Metrics v1 -> v1Rows(w, v1);
            case io.containerd.cgroups.v2.MetricsOuterClass.Metrics v2 -> v2Rows(w, v2);
            default -> throw new IllegalStateException("unexpected metrics " + data.getClass());
        }
        w.flush();
        return b.toString();
    }

    private static void v1Rows(TabWriter w, Metrics data) {
        if (data.hasMemory()) {
            row(w, "memory.usage_in_bytes", data.getMemory().getUsage().getUsage());
            row(w, "memory.limit_in_bytes", data.getMemory().getUsage().getLimit());
            row(w, "memory.stat.cache", data.getMemory().getTotalCache());
        }
        if (data.hasCpu()) {
            row(w, "cpuacct.usage", data.getCpu().getUsage().getTotal());
            // Go's %v of a []uint64
            row(w, "cpuacct.usage_percpu", data.getCpu().getUsage().getPerCpuList().stream()
                    .map(Long::toUnsignedString).collect(Collectors.joining(" ", "[", "]")));
        }
        if (data.hasPids()) {
            row(w, "pids.current", data.getPids().getCurrent());
            row(w, "pids.limit", data.getPids().getLimit());
        }
    }

    private static void v2Rows(TabWriter w, io.containerd.cgroups.v2.MetricsOuterClass.Metrics data) {
        if (data.hasPids()) {
            row(w, "pids.current", data.getPids().getCurrent());
            row(w, "pids.limit", data.getPids().getLimit());
        }
        if (data.hasCpu()) {
            var cpu = data.getCpu();
            row(w, "cpu.usage_usec", cpu.getUsageUsec());
            row(w, "cpu.user_usec", cpu.getUserUsec());
            row(w, "cpu.system_usec", cpu.getSystemUsec());
            row(w, "cpu.nr_periods", cpu.getNrPeriods());
            row(w, "cpu.nr_throttled", cpu.getNrThrottled());
            row(w, "cpu.throttled_usec", cpu.getThrottledUsec());
        }
        if (data.hasMemory()) {
            var memory = data.getMemory();
            row(w, "memory.usage", memory.getUsage());
            row(w, "memory.usage_limit", memory.getUsageLimit());
            row(w, "memory.swap_usage", memory.getSwapUsage());
            row(w, "memory.swap_limit", memory.getSwapLimit());
        }
    }

    private static void row(TabWriter w, String name, long unsigned) {
        row(w, name, Long.toUnsignedString(unsigned));
    }

    private static void row(TabWriter w, String name, String value) {
        w.print(name + "\t" + value + "\t\n");
    }
}
