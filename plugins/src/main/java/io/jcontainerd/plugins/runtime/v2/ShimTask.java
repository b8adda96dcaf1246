package io.jcontainerd.plugins.runtime.v2;

import com.google.protobuf.Empty;
import containerd.task.v2.Shim.ConnectRequest;
import containerd.task.v2.Shim.ConnectResponse;
import containerd.task.v2.Shim.CreateTaskRequest;
import containerd.task.v2.Shim.CreateTaskResponse;
import containerd.task.v2.Shim.ExecProcessRequest;
import containerd.task.v2.Shim.PauseRequest;
import containerd.task.v2.Shim.PidsRequest;
import containerd.task.v2.Shim.PidsResponse;
import containerd.task.v2.Shim.ResumeRequest;
import containerd.task.v2.Shim.ShutdownRequest;
import containerd.task.v2.Shim.StatsRequest;
import containerd.task.v2.Shim.StatsResponse;
import containerd.task.v2.Shim.UpdateTaskRequest;
import io.jcontainerd.core.runtime.ExecOpts;
import io.jcontainerd.core.runtime.ProcessInfo;
import io.jcontainerd.core.runtime.RuntimeProcess;
import io.jcontainerd.core.runtime.Task;
import io.jcontainerd.core.types.TypedValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A task served by its shim: the init process plus the calls that address the whole container. */
final class ShimTask extends ShimProcess implements Task {
    private final Bundle bundle;
    /** Null for a shim of its own. */
    private final ShimGroup group;
    private final ShimLog log;
    /** Done when the connection to the shim has ended. */
    private final CompletableFuture<Void> hungUp = new CompletableFuture<>();
    private final AtomicBoolean leftGroup = new AtomicBoolean();
    /** Set once the shim answered Create or Connect, before the task is handed out. */
    private volatile int pid;

    ShimTask(ShimConnection shim, ShimTimeouts timeouts, Bundle bundle, ShimGroup group, ShimLog log) {
        super(shim, timeouts, bundle.id(), "");
        this.bundle = bundle;
        this.group = group;
        this.log = log;
    }

    Bundle bundle() {
        return bundle;
    }

    ShimGroup group() {
        return group;
    }

    CompletableFuture<Void> hungUp() {
        return hungUp;
    }

    /** {@return the task's group the first time it is asked, null after that (and for a shim of its own)} */
    ShimGroup leaveGroup() {
        return leftGroup.getAndSet(true) ? null : group;
    }

    @Override
    public String namespace() {
        return bundle.namespace();
    }

    @Override
    public int pid() {
        return pid;
    }

    /** Asks the shim to create the container; {@return its init pid} */
    int create(CreateTaskRequest request) {
        pid = shim.call("Create", request, CreateTaskResponse.parser()).getPid();
        return pid;
    }

    @Override
    public void pause() {
        shim.call("Pause", PauseRequest.newBuilder().setId(taskId).build(), Empty.parser());
    }

    @Override
    public void resume() {
        shim.call("Resume", ResumeRequest.newBuilder().setId(taskId).build(), Empty.parser());
    }

    @Override
    public RuntimeProcess exec(String id, ExecOpts opts) {
        var request = ExecProcessRequest.newBuilder().setId(taskId).setExecId(id)
                .setStdin(opts.io().stdin()).setStdout(opts.io().stdout()).setStderr(opts.io().stderr())
                .setTerminal(opts.io().terminal());
        if (opts.spec() != null) {
            request.setSpec(ShimProtos.any(opts.spec()));
        }
        shim.call("Exec", request.build(), Empty.parser());
        return new ShimProcess(shim, timeouts, taskId, id);
    }

    /** Asks the shim for the exec's state first, so an unknown exec is NOT_FOUND here, as upstream. */
    @Override
    public RuntimeProcess process(String id) {
        ShimProcess process = new ShimProcess(shim, timeouts, taskId, id);
        process.state();
        return process;
    }

    @Override
    public List<ProcessInfo> pids() {
        PidsResponse r = shim.call("Pids", PidsRequest.newBuilder().setId(taskId).build(), PidsResponse.parser());
        return r.getProcessesList().stream()
                .map(p -> new ProcessInfo(p.getPid(), ShimProtos.typed(p.hasInfo(), p.getInfo())))
                .toList();
    }

    @Override
    public void update(TypedValue resources, Map<String, String> annotations) {
        var request = UpdateTaskRequest.newBuilder().setId(taskId).putAllAnnotations(annotations);
        if (resources != null) {
            request.setResources(ShimProtos.any(resources));
        }
        shim.call("Update", request.build(), Empty.parser());
    }

    @Override
    public TypedValue stats() {
        StatsResponse r = shim.call("Stats", StatsRequest.newBuilder().setId(taskId).build(), StatsResponse.parser());
        return ShimProtos.typed(r.hasStats(), r.getStats());
    }

    /** {@return the pid of the task's init process, checking the shim answers} */
    int connect() {
        pid = shim.call("Connect", ConnectRequest.newBuilder().setId(taskId).build(), ConnectResponse.parser(),
                timeouts.load()).getTaskPid();
        return pid;
    }

    /** Asks the shim to exit; a shim that already hung up is fine. */
    void shutdown() {
        try {
            shim.call("Shutdown", ShutdownRequest.newBuilder().setId(taskId).build(), Empty.parser(), timeouts.shutdown());
        } catch (RuntimeException e) {
            if (!ShimConnection.isClosed(e)) {
                throw e;
            }
        }
    }

    /** Drops the connection and the log copy. */
    void disconnect() {
        shim.close();
        releaseLog();
    }

    /** Stops the log copy and closes our end of the FIFO; needed before the bundle moves. */
    void releaseLog() {
        log.close();
    }
}
