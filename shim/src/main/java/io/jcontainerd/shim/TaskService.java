package io.jcontainerd.shim;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import containerd.events.Task.TaskCreate;
import containerd.events.Task.TaskDelete;
import containerd.events.Task.TaskExecAdded;
import containerd.events.Task.TaskExecStarted;
import containerd.events.Task.TaskExit;
import containerd.events.Task.TaskIO;
import containerd.events.Task.TaskOOM;
import containerd.events.Task.TaskPaused;
import containerd.events.Task.TaskResumed;
import containerd.events.Task.TaskStart;
import containerd.runc.v1.Oci.ProcessDetails;
import containerd.task.v2.Shim.CheckpointTaskRequest;
import containerd.task.v2.Shim.CloseIORequest;
import containerd.task.v2.Shim.ConnectRequest;
import containerd.task.v2.Shim.ConnectResponse;
import containerd.task.v2.Shim.CreateTaskRequest;
import containerd.task.v2.Shim.CreateTaskResponse;
import containerd.task.v2.Shim.DeleteRequest;
import containerd.task.v2.Shim.DeleteResponse;
import containerd.task.v2.Shim.ExecProcessRequest;
import containerd.task.v2.Shim.KillRequest;
import containerd.task.v2.Shim.PauseRequest;
import containerd.task.v2.Shim.PidsRequest;
import containerd.task.v2.Shim.PidsResponse;
import containerd.task.v2.Shim.ResizePtyRequest;
import containerd.task.v2.Shim.ResumeRequest;
import containerd.task.v2.Shim.ShutdownRequest;
import containerd.task.v2.Shim.StartRequest;
import containerd.task.v2.Shim.StartResponse;
import containerd.task.v2.Shim.StateRequest;
import containerd.task.v2.Shim.StateResponse;
import containerd.task.v2.Shim.StatsRequest;
import containerd.task.v2.Shim.StatsResponse;
import containerd.task.v2.Shim.UpdateTaskRequest;
import containerd.task.v2.Shim.WaitRequest;
import containerd.task.v2.Shim.WaitResponse;
import containerd.types.MountOuterClass;
import containerd.v1.types.Task.ProcessInfo;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.sys.ChildExit;
import io.jcontainerd.ttrpc.TtrpcMethod;
import io.jcontainerd.ttrpc.TtrpcService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * {@code containerd.task.v2.Task} for every container of this shim, with the Go runc shim's
 * answers and events: {@code /tasks/create}, {@code /tasks/start}, {@code /tasks/exec-added},
 * {@code /tasks/exec-started}, {@code /tasks/paused}, {@code /tasks/resumed}, {@code /tasks/oom},
 * {@code /tasks/exit} and {@code /tasks/delete}. An operation holds its container's monitor while it runs and
 * publishes, and exits are handled on their own threads under the same monitor, so a process's
 * exit is always published after its start.
 */
final class TaskService {
    static final String NAME = "containerd.task.v2.Task";
    /** Go's zero time.Time, which the Go shim sends for a process that has not exited. */
    private static final Timestamp ZERO_TIME = Timestamp.newBuilder().setSeconds(-62135596800L).build();

    private final ShimContext shim;
    private final CgroupStats cgroups;
    private final OomWatch oomWatch;
    private final Runnable onIdle;
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final Executor exitHandlers = task -> Thread.ofVirtual().name("exit").start(task);
    /** Set once {@code Shutdown} found no container: later creates must go to a new shim. */
    private boolean closing;

    /**
     * @param cgroupRoot the host's cgroup mount ({@code /sys/fs/cgroup}): metrics and OOM kills are read there
     * @param onIdle     runs when {@code Shutdown} finds no container left (see {@link ShimLifetime})
     */
    TaskService(ShimContext shim, Path cgroupRoot, Runnable onIdle) {
        this.shim = shim;
        this.cgroups = CgroupStats.forHost(cgroupRoot);
        this.oomWatch = new OomWatch(shim.sys(), shim.readableWatch(), cgroupRoot,
                id -> shim.events().send("/tasks/oom", TaskOOM.newBuilder().setContainerId(id).build()));
        this.onIdle = onIdle;
    }

    /** {@return true, and no create accepted from now on, if no container is left} */
    boolean closeIfIdle() {
        synchronized (containers) {
            if (containers.isEmpty()) {
                closing = true;
            }
            return closing;
        }
    }

    TtrpcService service() {
        Map<String, TtrpcMethod> methods = new HashMap<>();
        methods.put("Create", TtrpcMethod.of(CreateTaskRequest.parser(), (c, r) -> create(r)));
        methods.put("Start", TtrpcMethod.of(StartRequest.parser(), (c, r) -> start(r)));
        methods.put("Delete", TtrpcMethod.of(DeleteRequest.parser(), (c, r) -> delete(r)));
        methods.put("Exec", TtrpcMethod.of(ExecProcessRequest.parser(), (c, r) -> exec(r)));
        methods.put("State", TtrpcMethod.of(StateRequest.parser(), (c, r) -> state(r)));
        methods.put("Kill", TtrpcMethod.of(KillRequest.parser(), (c, r) -> kill(r)));
        methods.put("Pause", TtrpcMethod.of(PauseRequest.parser(), (c, r) -> pause(r)));
        methods.put("Resume", TtrpcMethod.of(ResumeRequest.parser(), (c, r) -> resume(r)));
        methods.put("Pids", TtrpcMethod.of(PidsRequest.parser(), (c, r) -> pids(r)));
        methods.put("CloseIO", TtrpcMethod.of(CloseIORequest.parser(), (c, r) -> closeIo(r)));
        methods.put("ResizePty", TtrpcMethod.of(ResizePtyRequest.parser(), (c, r) -> resizePty(r)));
        methods.put("Update", TtrpcMethod.of(UpdateTaskRequest.parser(), (c, r) -> update(r)));
        methods.put("Wait", TtrpcMethod.of(WaitRequest.parser(), (c, r) -> await(r)));
        methods.put("Stats", TtrpcMethod.of(StatsRequest.parser(), (c, r) -> stats(r)));
        methods.put("Connect", TtrpcMethod.of(ConnectRequest.parser(), (c, r) -> connect(r)));
        methods.put("Shutdown", TtrpcMethod.of(ShutdownRequest.parser(), (c, r) -> shutdown()));
        methods.put("Checkpoint", TtrpcMethod.of(CheckpointTaskRequest.parser(),
                (c, r) -> {
                    throw Errdefs.notImplemented("checkpoint");
                }));
        return TtrpcService.of(NAME, methods);
    }

    private Container container(String id) {
        Container container = containers.get(id);
        if (container == null) {
            throw Errdefs.notFound("container not created");
        }
        return container;
    }

    private CreateTaskResponse create(CreateTaskRequest r) throws IOException {
        if (!r.getCheckpoint().isEmpty()) {
            throw Errdefs.notImplemented("checkpoint");
        }
        synchronized (containers) {
            if (closing) {
                throw Errdefs.unavailable("shim is shutting down");
            }
            if (containers.containsKey(r.getId())) {
                throw Errdefs.alreadyExists("container " + r.getId());
            }
            TaskProcess.Stdio stdio = new TaskProcess.Stdio(r.getStdin(), r.getStdout(), r.getStderr(), r.getTerminal());
            List<Mount> rootfs = r.getRootfsList().stream()
                    .map(m -> new Mount(m.getType(), m.getSource(), m.getTarget(), m.getOptionsList())).toList();
            Container container = Container.create(shim, r.getId(), Path.of(r.getBundle()), rootfs, stdio,
                    RuncOptions.of(r.hasOptions(), r.getOptions()));
            containers.put(r.getId(), container);
            synchronized (container) {
                shim.events().send("/tasks/create", TaskCreate.newBuilder().setContainerId(r.getId())
                        .setBundle(r.getBundle()).addAllRootfs(r.getRootfsList())
                        .setIo(TaskIO.newBuilder().setStdin(r.getStdin()).setStdout(r.getStdout())
                                .setStderr(r.getStderr()).setTerminal(r.getTerminal()))
                        .setCheckpoint(r.getCheckpoint()).setPid(container.init.pid).build());
                watchExit(container, container.init);
            }
            return CreateTaskResponse.newBuilder().setPid(container.init.pid).build();
        }
    }

    private StartResponse start(StartRequest r) throws IOException {
        Container container = container(r.getId());
        synchronized (container) {
            if (r.getExecId().isEmpty()) {
                container.start();
                container.cgroupsPath.ifPresent(path -> oomWatch.add(container.id, path));
                shim.events().send("/tasks/start", TaskStart.newBuilder().setContainerId(container.id)
                        .setPid(container.init.pid).build());
                return StartResponse.newBuilder().setPid(container.init.pid).build();
            }
            TaskProcess exec = container.process(r.getExecId());
            container.startExec(exec);
            shim.events().send("/tasks/exec-started", TaskExecStarted.newBuilder().setContainerId(container.id)
                    .setExecId(exec.execId).setPid(exec.pid).build());
            watchExit(container, exec);
            return StartResponse.newBuilder().setPid(exec.pid).build();
        }
    }

    /** Handles the process's exit, once reaped, on a thread of its own (never the reaper's). */
    private void watchExit(Container container, TaskProcess process) {
        shim.reaper().exitOf(process.pid).thenAcceptAsync(exit -> exited(container, process, exit), exitHandlers);
    }

    private void exited(Container container, TaskProcess process, ChildExit exit) {
        process.awaitOutput();
        if (process.isInit()) {
            oomWatch.awaitPending(container.id); // an OOM kill is told before the exit it caused
        }
        synchronized (container) {
            if (containers.get(container.id) != container) {
                return; // deleted before it ended (a created task): nobody waits for this exit
            }
            process.setExited(exit.exitStatus(), Instant.now());
            shim.events().send("/tasks/exit", TaskExit.newBuilder().setContainerId(container.id)
                    .setId(process.isInit() ? container.id : process.execId).setPid(process.pid)
                    .setExitStatus(process.exitStatus).setExitedAt(timestamp(process.exitedAt)).build());
        }
    }

    private DeleteResponse delete(DeleteRequest r) throws IOException {
        Container container = container(r.getId());
        synchronized (container) {
            TaskProcess process;
            if (r.getExecId().isEmpty()) {
                container.delete();
                process = container.init;
                containers.remove(container.id, container);
                shim.events().send("/tasks/delete", TaskDelete.newBuilder().setContainerId(container.id)
                        .setPid(process.pid).setExitStatus(process.exitStatus)
                        .setExitedAt(timestamp(process.exitedAt)).build());
            } else {
                process = container.deleteExec(r.getExecId());
            }
            return DeleteResponse.newBuilder().setPid(process.pid).setExitStatus(process.exitStatus)
                    .setExitedAt(timestamp(process.exitedAt)).build();
        }
    }

    private Empty exec(ExecProcessRequest r) throws IOException {
        Container container = container(r.getId());
        synchronized (container) {
            container.addExec(r.getExecId(), new TaskProcess.Stdio(r.getStdin(), r.getStdout(), r.getStderr(),
                    r.getTerminal()), r.getSpec().getValue().toByteArray());
            shim.events().send("/tasks/exec-added", TaskExecAdded.newBuilder().setContainerId(container.id)
                    .setExecId(r.getExecId()).build());
            return Empty.getDefaultInstance();
        }
    }

    private StateResponse state(StateRequest r) {
        Container container = container(r.getId());
        synchronized (container) {
            TaskProcess p = container.process(r.getExecId());
            return StateResponse.newBuilder().setId(p.isInit() ? container.id : p.execId)
                    .setBundle(container.bundle.toString()).setPid(p.pid).setStatus(p.status.api())
                    .setStdin(p.stdio.stdin()).setStdout(p.stdio.stdout()).setStderr(p.stdio.stderr())
                    .setTerminal(p.stdio.terminal()).setExitStatus(p.exitStatus).setExitedAt(timestamp(p.exitedAt))
                    .setExecId(p.execId).build();
        }
    }

    private Empty kill(KillRequest r) throws IOException {
        Container container = container(r.getId());
        synchronized (container) {
            container.kill(r.getExecId(), r.getSignal(), r.getAll());
            return Empty.getDefaultInstance();
        }
    }

    private Empty pause(PauseRequest r) throws IOException {
        Container container = container(r.getId());
        synchronized (container) {
            container.pause();
            shim.events().send("/tasks/paused", TaskPaused.newBuilder().setContainerId(container.id).build());
            return Empty.getDefaultInstance();
        }
    }

    private Empty resume(ResumeRequest r) throws IOException {
        Container container = container(r.getId());
        synchronized (container) {
            container.resume();
            shim.events().send("/tasks/resumed", TaskResumed.newBuilder().setContainerId(container.id).build());
            return Empty.getDefaultInstance();
        }
    }

    private PidsResponse pids(PidsRequest r) throws IOException {
        Container container = container(r.getId());
        List<Integer> pids = container.runc.ps(container.id);
        PidsResponse.Builder response = PidsResponse.newBuilder();
        List<TaskProcess> execs;
        synchronized (container) {
            execs = container.execs();
        }
        for (int pid : pids) {
            ProcessInfo.Builder info = ProcessInfo.newBuilder().setPid(pid);
            execs.stream().filter(e -> e.pid == pid).findFirst().ifPresent(e -> info.setInfo(Any.newBuilder()
                    .setTypeUrl(ProcessDetails.getDescriptor().getFullName())
                    .setValue(ProcessDetails.newBuilder().setExecId(e.execId).build().toByteString())));
            response.addProcesses(info);
        }
        return response.build();
    }

    private Empty closeIo(CloseIORequest r) {
        Container container = container(r.getId());
        synchronized (container) {
            TaskProcess p = container.process(r.getExecId());
            if (r.getStdin()) {
                p.closeStdin();
            }
            return Empty.getDefaultInstance();
        }
    }

    private Empty resizePty(ResizePtyRequest r) throws IOException {
        Container container = container(r.getId());
        synchronized (container) {
            container.resize(r.getExecId(), r.getWidth(), r.getHeight());
            return Empty.getDefaultInstance();
        }
    }

    private Empty update(UpdateTaskRequest r) throws IOException {
        Container container = container(r.getId());
        synchronized (container) {
            container.update(r.getResources().getValue().toByteArray());
            return Empty.getDefaultInstance();
        }
    }

    private WaitResponse await(WaitRequest r) throws InterruptedException, ExecutionException {
        Container container = container(r.getId());
        TaskProcess p;
        synchronized (container) {
            p = container.process(r.getExecId());
        }
        p.exited().get();
        synchronized (container) {
            return WaitResponse.newBuilder().setExitStatus(p.exitStatus).setExitedAt(timestamp(p.exitedAt)).build();
        }
    }

    private StatsResponse stats(StatsRequest r) throws IOException {
        Container container = container(r.getId());
        Message metrics = cgroups.read(container.cgroupsPath.orElseThrow(() -> Errdefs.notFound("cgroup does not exist")))
                .orElseThrow(() -> Errdefs.notFound("cgroup does not exist"));
        return StatsResponse.newBuilder().setStats(Any.newBuilder().setTypeUrl(cgroups.typeUrl())
                .setValue(metrics.toByteString())).build();
    }

    private ConnectResponse connect(ConnectRequest r) {
        Container container = containers.get(r.getId());
        return ConnectResponse.newBuilder().setShimPid((int) ProcessHandle.current().pid())
                .setTaskPid(container == null ? 0 : container.init.pid).build();
    }

    /** As the Go shim: ignored while any container is left, so one shim serves a whole group. */
    private Empty shutdown() {
        synchronized (containers) {
            if (containers.isEmpty() && !closing) {
                onIdle.run();
            }
        }
        return Empty.getDefaultInstance();
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? ZERO_TIME : Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }
}
