package io.jcontainerd.services.tasks;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import containerd.services.tasks.v1.TasksGrpc;
import containerd.services.tasks.v1.TasksOuterClass.CheckpointTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.CheckpointTaskResponse;
import containerd.services.tasks.v1.TasksOuterClass.CloseIORequest;
import containerd.services.tasks.v1.TasksOuterClass.CreateTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.CreateTaskResponse;
import containerd.services.tasks.v1.TasksOuterClass.DeleteProcessRequest;
import containerd.services.tasks.v1.TasksOuterClass.DeleteResponse;
import containerd.services.tasks.v1.TasksOuterClass.DeleteTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.ExecProcessRequest;
import containerd.services.tasks.v1.TasksOuterClass.GetRequest;
import containerd.services.tasks.v1.TasksOuterClass.GetResponse;
import containerd.services.tasks.v1.TasksOuterClass.KillRequest;
import containerd.services.tasks.v1.TasksOuterClass.ListPidsRequest;
import containerd.services.tasks.v1.TasksOuterClass.ListPidsResponse;
import containerd.services.tasks.v1.TasksOuterClass.ListTasksRequest;
import containerd.services.tasks.v1.TasksOuterClass.ListTasksResponse;
import containerd.services.tasks.v1.TasksOuterClass.MetricsRequest;
import containerd.services.tasks.v1.TasksOuterClass.MetricsResponse;
import containerd.services.tasks.v1.TasksOuterClass.PauseTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.ResizePtyRequest;
import containerd.services.tasks.v1.TasksOuterClass.ResumeTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.StartRequest;
import containerd.services.tasks.v1.TasksOuterClass.StartResponse;
import containerd.services.tasks.v1.TasksOuterClass.UpdateTaskRequest;
import containerd.services.tasks.v1.TasksOuterClass.WaitRequest;
import containerd.services.tasks.v1.TasksOuterClass.WaitResponse;
import containerd.v1.types.Task.Process;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.api.convert.Timestamps;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.core.runtime.ExecOpts;
import io.jcontainerd.core.runtime.Exit;
import io.jcontainerd.core.runtime.State;
import io.jcontainerd.core.runtime.StdioPaths;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.api.convert.DescriptorProtos;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.services.grpc.Unary;
import java.util.List;

/** {@code io.containerd.grpc.v1 tasks}: the Tasks API over {@link TasksService}, in the call's namespace. */
public final class TasksGrpcService extends TasksGrpc.TasksImplBase {
    private static final Empty EMPTY = Empty.getDefaultInstance();
    private final TasksService service;

    public TasksGrpcService(TasksService service) {
        this.service = service;
    }

    public static Registration<TasksGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "tasks", List.of(PluginTypes.SERVICE), ctx ->
                new TasksGrpcService(ctx.plugins().byId(PluginTypes.SERVICE, TasksService.ID, TasksService.class)
                        .orElseThrow(() -> new IllegalStateException("tasks service not found"))));
    }

    @Override
    public void create(CreateTaskRequest request, StreamObserver<CreateTaskResponse> observer) {
        Unary.reply(observer, () -> {
            int pid = service.create(RequestNamespace.required(), request.getContainerId(),
                    DescriptorProtos.mounts(request.getRootfsList()),
                    new StdioPaths(request.getStdin(), request.getStdout(), request.getStderr(), request.getTerminal()),
                    request.hasOptions() ? typed(request.getOptions()) : null, request.getRuntimePath(),
                    request.hasCheckpoint());
            return CreateTaskResponse.newBuilder().setContainerId(request.getContainerId()).setPid(pid).build();
        });
    }

    @Override
    public void start(StartRequest request, StreamObserver<StartResponse> observer) {
        Unary.reply(observer, () -> StartResponse.newBuilder()
                .setPid(service.start(RequestNamespace.required(), request.getContainerId(), request.getExecId())).build());
    }

    @Override
    public void delete(DeleteTaskRequest request, StreamObserver<DeleteResponse> observer) {
        Unary.reply(observer, () -> deleteResponse("", service.delete(RequestNamespace.required(), request.getContainerId())));
    }

    @Override
    public void deleteProcess(DeleteProcessRequest request, StreamObserver<DeleteResponse> observer) {
        Unary.reply(observer, () -> deleteResponse(request.getExecId(),
                service.deleteProcess(RequestNamespace.required(), request.getContainerId(), request.getExecId())));
    }

    private static DeleteResponse deleteResponse(String id, Exit exit) {
        return DeleteResponse.newBuilder().setId(id).setPid(exit.pid()).setExitStatus(exit.status())
                .setExitedAt(Timestamps.of(exit.timestamp())).build();
    }

    @Override
    public void get(GetRequest request, StreamObserver<GetResponse> observer) {
        Unary.reply(observer, () -> GetResponse.newBuilder().setProcess(process(
                service.get(RequestNamespace.required(), request.getContainerId(), request.getExecId()))).build());
    }

    @Override
    public void list(ListTasksRequest request, StreamObserver<ListTasksResponse> observer) {
        Unary.reply(observer, () -> {
            var response = ListTasksResponse.newBuilder();
            service.list(RequestNamespace.required()).forEach(view -> response.addTasks(process(view)));
            return response.build();
        });
    }

    private static Process process(ProcessView view) {
        State state = view.state();
        return Process.newBuilder().setId(view.id()).setPid(state.pid())
                .setStatusValue(state.status().ordinal())
                .setStdin(state.io().stdin()).setStdout(state.io().stdout()).setStderr(state.io().stderr())
                .setTerminal(state.io().terminal()).setExitStatus(state.exitStatus())
                .setExitedAt(Timestamps.of(state.exitedAt())).build();
    }

    @Override
    public void kill(KillRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.kill(RequestNamespace.required(), request.getContainerId(), request.getExecId(),
                    request.getSignal(), request.getAll());
            return EMPTY;
        });
    }

    @Override
    public void exec(ExecProcessRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.exec(RequestNamespace.required(), request.getContainerId(), request.getExecId(), new ExecOpts(
                    request.hasSpec() ? typed(request.getSpec()) : null,
                    new StdioPaths(request.getStdin(), request.getStdout(), request.getStderr(), request.getTerminal())));
            return EMPTY;
        });
    }

    @Override
    public void resizePty(ResizePtyRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.resizePty(RequestNamespace.required(), request.getContainerId(), request.getExecId(),
                    request.getWidth(), request.getHeight());
            return EMPTY;
        });
    }

    @Override
    public void closeIO(CloseIORequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.closeIo(RequestNamespace.required(), request.getContainerId(), request.getExecId(), request.getStdin());
            return EMPTY;
        });
    }

    @Override
    public void pause(PauseTaskRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.pause(RequestNamespace.required(), request.getContainerId());
            return EMPTY;
        });
    }

    @Override
    public void resume(ResumeTaskRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.resume(RequestNamespace.required(), request.getContainerId());
            return EMPTY;
        });
    }

    @Override
    public void listPids(ListPidsRequest request, StreamObserver<ListPidsResponse> observer) {
        Unary.reply(observer, () -> {
            var response = ListPidsResponse.newBuilder();
            service.listPids(RequestNamespace.required(), request.getContainerId()).forEach(p -> {
                var info = containerd.v1.types.Task.ProcessInfo.newBuilder().setPid(p.pid());
                if (p.info() != null) {
                    info.setInfo(any(p.info()));
                }
                response.addProcesses(info);
            });
            return response.build();
        });
    }

    @Override
    public void checkpoint(CheckpointTaskRequest request, StreamObserver<CheckpointTaskResponse> observer) {
        Unary.reply(observer, () -> {
            throw Errdefs.notImplemented("checkpoint");
        });
    }

    @Override
    public void update(UpdateTaskRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            service.update(RequestNamespace.required(), request.getContainerId(),
                    request.hasResources() ? typed(request.getResources()) : null, request.getAnnotationsMap());
            return EMPTY;
        });
    }

    @Override
    public void metrics(MetricsRequest request, StreamObserver<MetricsResponse> observer) {
        Unary.reply(observer, () -> {
            var response = MetricsResponse.newBuilder();
            for (Metric metric : service.metrics(RequestNamespace.required(), request.getFiltersList())) {
                var m = containerd.types.Metrics.Metric.newBuilder().setTimestamp(Timestamps.of(metric.timestamp()))
                        .setId(metric.id());
                if (metric.data() != null) {
                    m.setData(any(metric.data()));
                }
                response.addMetrics(m);
            }
            return response.build();
        });
    }

    @Override
    public void wait(WaitRequest request, StreamObserver<WaitResponse> observer) {
        // a wait lasts as long as the process: it ends with its client, as upstream's with its context
        Unary.replyUntilCancelled(observer, () -> {
            Exit exit = service.waitExit(RequestNamespace.required(), request.getContainerId(), request.getExecId());
            return WaitResponse.newBuilder().setExitStatus(exit.status()).setExitedAt(Timestamps.of(exit.timestamp())).build();
        });
    }

    private static TypedValue typed(Any any) {
        return new TypedValue(any.getTypeUrl(), any.getValue().toByteArray());
    }

    private static Any any(TypedValue value) {
        return Any.newBuilder().setTypeUrl(value.typeUrl()).setValue(ByteString.copyFrom(value.value())).build();
    }
}
