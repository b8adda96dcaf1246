package io.jcontainerd.client;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import containerd.services.tasks.v1.TasksGrpc;
import containerd.services.tasks.v1.TasksGrpc.TasksBlockingStub;
import containerd.services.tasks.v1.TasksOuterClass.CloseIORequest;
import containerd.services.tasks.v1.TasksOuterClass.CreateTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.DeleteProcessRequest;
import containerd.services.tasks.v1.TasksOuterClass.DeleteResponse;
import containerd.services.tasks.v1.TasksOuterClass.DeleteTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.ExecProcessRequest;
import containerd.services.tasks.v1.TasksOuterClass.GetRequest;
import containerd.services.tasks.v1.TasksOuterClass.KillRequest;
import containerd.services.tasks.v1.TasksOuterClass.ListPidsRequest;
import containerd.services.tasks.v1.TasksOuterClass.ListTasksRequest;
import containerd.services.tasks.v1.TasksOuterClass.MetricsRequest;
import containerd.services.tasks.v1.TasksOuterClass.PauseTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.ResizePtyRequest;
import containerd.services.tasks.v1.TasksOuterClass.ResumeTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.StartRequest;
import containerd.services.tasks.v1.TasksOuterClass.WaitRequest;
import containerd.v1.types.Task.Process;
import io.grpc.Channel;
import io.jcontainerd.api.convert.DescriptorProtos;
import io.jcontainerd.api.convert.Timestamps;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.runtime.ProcessInfo;
import io.jcontainerd.core.runtime.StdioPaths;
import io.jcontainerd.core.runtime.TaskStatus;
import io.jcontainerd.core.types.TypedValue;
import java.util.List;

/**
 * The tasks service, in the client's namespace. An empty {@code execId} means the task's init
 * process. Calls block; {@link #wait} blocks until the process exits.
 */
public final class TasksClient {
    private final TasksBlockingStub stub;

    TasksClient(Channel channel) {
        this.stub = TasksGrpc.newBlockingStub(channel);
    }

    /** Creates the task of container {@code id} on {@code rootfs}; {@return its init process's pid} */
    public int create(String id, List<Mount> rootfs, StdioPaths io, TypedValue options) {
        var request = CreateTaskRequest.newBuilder().setContainerId(id).addAllRootfs(DescriptorProtos.protos(rootfs))
                .setStdin(io.stdin()).setStdout(io.stdout()).setStderr(io.stderr()).setTerminal(io.terminal());
        if (options != null) {
            request.setOptions(any(options));
        }
        return GrpcErrors.call(() -> stub.create(request.build()).getPid());
    }

    /** {@return the pid of the started process} */
    public int start(String id, String execId) {
        return GrpcErrors.call(() -> stub.start(StartRequest.newBuilder().setContainerId(id).setExecId(execId).build())
                .getPid());
    }

    /** Deletes a stopped (or created) task, releasing its shim; {@return how it ended} */
    public ExitStatus delete(String id) {
        return exit(GrpcErrors.call(() -> stub.delete(DeleteTaskRequest.newBuilder().setContainerId(id).build())));
    }

    /** Deletes an exec'd process; {@return how it ended} */
    public ExitStatus deleteProcess(String id, String execId) {
        return exit(GrpcErrors.call(() -> stub.deleteProcess(
                DeleteProcessRequest.newBuilder().setContainerId(id).setExecId(execId).build())));
    }

    /** {@return the task's init process, or with an exec ID that process} */
    public TaskState get(String id, String execId) {
        return state(GrpcErrors.call(() -> stub.get(GetRequest.newBuilder().setContainerId(id).setExecId(execId).build())
                .getProcess()));
    }

    /** {@return every task in the namespace, in the daemon's order} */
    public List<TaskState> list() {
        return GrpcErrors.call(() -> stub.list(ListTasksRequest.getDefaultInstance()).getTasksList().stream()
                .map(TasksClient::state).toList());
    }

    public void kill(String id, String execId, int signal, boolean all) {
        GrpcErrors.call(() -> stub.kill(KillRequest.newBuilder().setContainerId(id).setExecId(execId)
                .setSignal(signal).setAll(all).build()));
    }

    /** Adds process {@code execId} to the task, not started yet; {@code spec} is an OCI process spec. */
    public void exec(String id, String execId, TypedValue spec, StdioPaths io) {
        GrpcErrors.call(() -> stub.exec(ExecProcessRequest.newBuilder().setContainerId(id).setExecId(execId)
                .setSpec(any(spec)).setStdin(io.stdin()).setStdout(io.stdout()).setStderr(io.stderr())
                .setTerminal(io.terminal()).build()));
    }

    public void resizePty(String id, String execId, int width, int height) {
        GrpcErrors.call(() -> stub.resizePty(ResizePtyRequest.newBuilder().setContainerId(id).setExecId(execId)
                .setWidth(width).setHeight(height).build()));
    }

    /** Closes the process's stdin on the shim's side, so the process reads end of file. */
    public void closeStdin(String id, String execId) {
        GrpcErrors.call(() -> stub.closeIO(CloseIORequest.newBuilder().setContainerId(id).setExecId(execId)
                .setStdin(true).build()));
    }

    public void pause(String id) {
        GrpcErrors.call(() -> stub.pause(PauseTaskRequest.newBuilder().setContainerId(id).build()));
    }

    public void resume(String id) {
        GrpcErrors.call(() -> stub.resume(ResumeTaskRequest.newBuilder().setContainerId(id).build()));
    }

    /** {@return the processes in the task's container} */
    public List<ProcessInfo> pids(String id) {
        return GrpcErrors.call(() -> stub.listPids(ListPidsRequest.newBuilder().setContainerId(id).build())
                .getProcessesList().stream()
                .map(p -> new ProcessInfo(p.getPid(), p.hasInfo() ? typed(p.getInfo()) : null)).toList());
    }

    /** {@return the metrics of the tasks {@code filters} select (e.g. {@code id==x})} */
    public List<TaskMetric> metrics(List<String> filters) {
        return GrpcErrors.call(() -> stub.metrics(MetricsRequest.newBuilder().addAllFilters(filters).build())
                .getMetricsList().stream()
                .map(m -> new TaskMetric(m.getId(), Timestamps.instant(m.getTimestamp()), typed(m.getData()))).toList());
    }

    /** Blocks until the process exits; {@return how it ended} */
    public ExitStatus wait(String id, String execId) {
        var response = GrpcErrors.call(() -> stub.wait(WaitRequest.newBuilder().setContainerId(id).setExecId(execId)
                .build()));
        return new ExitStatus(response.getExitStatus(), Timestamps.instant(response.getExitedAt()));
    }

    private static ExitStatus exit(DeleteResponse response) {
        return new ExitStatus(response.getExitStatus(), Timestamps.instant(response.getExitedAt()));
    }

    private static TaskState state(Process p) {
        TaskStatus status = p.getStatusValue() < TaskStatus.values().length
                ? TaskStatus.values()[p.getStatusValue()] : TaskStatus.UNKNOWN;
        return new TaskState(p.getContainerId(), p.getId(), p.getPid(), status,
                new StdioPaths(p.getStdin(), p.getStdout(), p.getStderr(), p.getTerminal()), p.getExitStatus(),
                Timestamps.instant(p.getExitedAt()));
    }

    private static Any any(TypedValue value) {
        return Any.newBuilder().setTypeUrl(value.typeUrl()).setValue(ByteString.copyFrom(value.value())).build();
    }

    private static TypedValue typed(Any any) {
        return new TypedValue(any.getTypeUrl(), any.getValue().toByteArray());
    }
}
