package io.jcontainerd.plugins.gc;

import io.jcontainerd.core.gc.GcSchedule;
import io.jcontainerd.core.gc.GcScheduler;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.core.time.GoDuration;
import io.jcontainerd.plugins.metadata.Metadata;
import java.util.List;

/**
 * {@code io.containerd.gc.v1 scheduler}: collects the metadata store's garbage when its changes
 * call for it, and on demand for synchronous deletes. Exports its settings as upstream does.
 */
public final class GcSchedulerPlugin {
    public static final String ID = "scheduler";
    private static final System.Logger LOG = System.getLogger(GcSchedulerPlugin.class.getName());

    private GcSchedulerPlugin() {
    }

    public static Registration<GcScheduler> registration() {
        return new Registration<>(PluginTypes.GC, ID, List.of(PluginTypes.METADATA), SchedulerConfig::defaults, ctx -> {
            GcSchedule schedule = ctx.config(SchedulerConfig.class).schedule();
            Metadata metadata = ctx.plugins().single(PluginTypes.METADATA, Metadata.class);
            ctx.meta().export("PauseThreshold", goFloat(schedule.pauseThreshold()));
            ctx.meta().export("DeletionThreshold", Integer.toString(schedule.deletionThreshold()));
            ctx.meta().export("MutationThreshold", Integer.toString(schedule.mutationThreshold()));
            ctx.meta().export("ScheduleDelay", GoDuration.format(schedule.scheduleDelay()));
            return new GcScheduler(metadata.collector(), schedule,
                    message -> LOG.log(System.Logger.Level.ERROR, message)).start();
        });
    }

    /** Go's {@code fmt.Sprint} of a float64: shortest form, no trailing ".0" ({@code 0.02}, {@code 0}). */
    private static String goFloat(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
