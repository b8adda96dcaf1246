package io.jcontainerd.services.tasks;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.containers.NamespacedContainerStore;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.filters.Filter;
import io.jcontainerd.core.filters.Filters;
import io.jcontainerd.core.metadata.MetadataStore;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.core.runtime.CreateOpts;
import io.jcontainerd.core.runtime.ExecOpts;
import io.jcontainerd.core.runtime.Exit;
import io.jcontainerd.core.runtime.PlatformRuntime;
import io.jcontainerd.core.runtime.ProcessInfo;
import io.jcontainerd.core.runtime.RuntimeProcess;
import io.jcontainerd.core.runtime.State;
import io.jcontainerd.core.runtime.StdioPaths;
import io.jcontainerd.core.runtime.Task;
import io.jcontainerd.core.runtime.TaskStatus;
import io.jcontainerd.core.types.TypedValue;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code io.containerd.service.v1 tasks-service}: tasks of the containers in the metadata store,
 * run by the runtime v2 plugin. The shims publish the task events; errors read as upstream's.
 */
public final class TasksService {
    public static final String ID = "tasks-service";
    private static final System.Logger LOG = System.getLogger(TasksService.class.getName());
    private static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");
    private final NamespacedContainerStore containers;
    private final PlatformRuntime runtime;

    public TasksService(NamespacedContainerStore containers, PlatformRuntime runtime) {
        this.containers = containers;
        this.runtime = runtime;
    }

    public static Registration<TasksService> registration() {
        // upstream's requirements, in its order (we have no runtime v1 or task monitor plugins)
        return Registration.of(PluginTypes.SERVICE, ID, List.of(PluginTypes.EVENT, PluginTypes.RUNTIME_V1,
                        PluginTypes.RUNTIME_V2, PluginTypes.METADATA, PluginTypes.MONITOR),
                ctx -> new TasksService(ctx.plugins().single(PluginTypes.METADATA, MetadataStore.class).containers(),
                        ctx.plugins().single(PluginTypes.RUNTIME_V2, PlatformRuntime.class)));
    }

    /**
     * Creates the task of container {@code id} from its spec and runtime.
     *
     * @param runtimePath a shim binary that overrides the container's runtime; empty for none
     * @return the task's pid
     */
    public int create(String namespace, String id, List<Mount> rootfs, StdioPaths io, TypedValue options,
            String runtimePath, boolean checkpoint) {
        Container container = containers.in(namespace).get(id);
        if (checkpoint) {
            throw Errdefs.notImplemented("restoring a task from a checkpoint");
        }
        if (runtime.get(namespace, id).isPresent()) {
            throw Errdefs.alreadyExists("task " + id);
        }
        String runtimeName = runtimePath.isEmpty() ? container.runtime().name() : runtimePath;
        Task task = runtime.create(namespace, id, new CreateOpts(container.spec(), rootfs, io, "", runtimeName,
                container.runtime().options(), options));
        // the runtime's create answer carries the pid: no State round trip to the shim (upstream asks again)
        return task.pid();
    }

    public int start(String namespace, String id, String execId) {
        return process(task(namespace, id), execId).start();
    }

    /** Deletes the task; its process must have exited. */
    public Exit delete(String namespace, String id) {
        task(namespace, id);
        return runtime.delete(namespace, id);
    }

    public Exit deleteProcess(String namespace, String id, String execId) {
        return task(namespace, id).process(execId).delete();
    }

    public ProcessView get(String namespace, String id, String execId) {
        RuntimeProcess process = process(task(namespace, id), execId);
        return new ProcessView(process.id(), state(process).orElseThrow(() -> Errdefs.notFound("task " + id)));
    }

    /** {@return every task of {@code namespace}; one whose shim is gone is left out} */
    public List<ProcessView> list(String namespace) {
        List<ProcessView> views = new ArrayList<>();
        for (Task task : runtime.tasks(namespace)) {
            state(task).ifPresent(state -> views.add(new ProcessView(task.id(), state)));
        }
        return views;
    }

    /** Empty when the process is gone; any other failure is logged and reads as status UNKNOWN, as upstream. */
    private static Optional<State> state(RuntimeProcess process) {
        try {
            return Optional.of(process.state());
        } catch (ErrdefsException e) {
            if (e.is(ErrorKind.NOT_FOUND)) {
                return Optional.empty();
            }
            LOG.log(Level.ERROR, "get state for " + process.id() + ": " + e.getMessage());
            return Optional.of(new State(0, TaskStatus.UNKNOWN, new StdioPaths("", "", "", false), 0, GO_ZERO));
        }
    }

    public void kill(String namespace, String id, String execId, int signal, boolean all) {
        process(task(namespace, id), execId).kill(signal, all);
    }

    public void exec(String namespace, String id, String execId, ExecOpts opts) {
        if (execId.isEmpty()) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "exec id cannot be empty");
        }
        task(namespace, id).exec(execId, opts);
    }

    public void resizePty(String namespace, String id, String execId, int width, int height) {
        process(task(namespace, id), execId).resizePty(width, height);
    }

    public void closeIo(String namespace, String id, String execId, boolean stdin) {
        RuntimeProcess process = process(task(namespace, id), execId);
        if (stdin) {
            process.closeIo();
        }
    }

    public void pause(String namespace, String id) {
        task(namespace, id).pause();
    }

    public void resume(String namespace, String id) {
        task(namespace, id).resume();
    }

    public List<ProcessInfo> listPids(String namespace, String id) {
        return task(namespace, id).pids();
    }

    public void update(String namespace, String id, TypedValue resources, Map<String, String> annotations) {
        task(namespace, id).update(resources, annotations);
    }

    /** {@return the metrics of the tasks matching {@code filters} (fields {@code id}, {@code namespace}); tasks without any are left out} */
    public List<Metric> metrics(String namespace, List<String> filters) {
        Filter filter = Filters.parseAll(filters);
        List<Metric> metrics = new ArrayList<>();
        for (Task task : runtime.tasks(namespace)) {
            boolean matches = filter.match(path -> switch (path.getFirst()) {
                case "id" -> Optional.of(task.id());
                case "namespace" -> Optional.of(task.namespace());
                default -> Optional.empty();
            });
            if (!matches) {
                continue;
            }
            Instant collected = Instant.now();
            try {
                metrics.add(new Metric(collected, task.id(), task.stats()));
            } catch (ErrdefsException e) {
                if (!e.is(ErrorKind.NOT_FOUND)) {
                    LOG.log(Level.ERROR, "collecting metrics for " + task.id() + ": " + e.getMessage());
                }
            }
        }
        return metrics;
    }

    public Exit waitExit(String namespace, String id, String execId) {
        return process(task(namespace, id), execId).waitExit();
    }

    private Task task(String namespace, String id) {
        containers.in(namespace).get(id);
        return runtime.get(namespace, id)
                .orElseThrow(() -> new ErrdefsException(ErrorKind.NOT_FOUND, "task " + id + " not found"));
    }

    private static RuntimeProcess process(Task task, String execId) {
        return execId.isEmpty() ? task : task.process(execId);
    }
}
