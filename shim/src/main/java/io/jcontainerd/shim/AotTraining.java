package io.jcontainerd.shim;

import com.google.protobuf.Empty;
import containerd.services.events.v1.EventsOuterClass.ForwardRequest;
import containerd.task.v2.Shim.ConnectRequest;
import containerd.task.v2.Shim.ConnectResponse;
import containerd.task.v2.Shim.CreateTaskRequest;
import containerd.task.v2.Shim.CreateTaskResponse;
import containerd.task.v2.Shim.ShutdownRequest;
import containerd.task.v2.Shim.StateRequest;
import containerd.task.v2.Shim.StateResponse;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.Syscalls;
import io.jcontainerd.sys.mount.Mounter;
import io.jcontainerd.ttrpc.TtrpcClient;
import io.jcontainerd.ttrpc.TtrpcMethod;
import io.jcontainerd.ttrpc.TtrpcServer;
import io.jcontainerd.ttrpc.TtrpcService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The build's training run for the shim's JDK AOT cache (run with {@code -XX:AOTCacheOutput}):
 * what a shim does between its start and its first container, without root or runc: serve the
 * task service on a socket, answer Connect, State, a Create that fails and Shutdown, publish an
 * event to a Forward service, spawn and reap a child, read cgroup figures.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("jrunc-aot-");
        Syscalls sys = new LinuxSyscalls();
        Reaper reaper = new Reaper(sys);
        try (TtrpcServer server = new TtrpcServer()) {
            Path socket = dir.resolve("s");
            server.register(TtrpcService.of("containerd.services.events.ttrpc.v1.Events",
                    Map.of("Forward", TtrpcMethod.of(ForwardRequest.parser(), (c, r) -> Empty.getDefaultInstance()))));
            EventForwarder events = new EventForwarder(socket, "training");
            ShimContext shim = new ShimContext("training", sys, reaper, new Mounter(sys), events, new ReadableWatch(sys));
            TaskService tasks = new TaskService(shim, Path.of("/sys/fs/cgroup"), () -> { });
            server.register(tasks.service());
            server.listen(socket);
            try (TtrpcClient client = TtrpcClient.connect(socket)) {
                client.call(TaskService.NAME, "Connect", ConnectRequest.newBuilder().setId("x").build(), ConnectResponse.parser());
                expectFailure(() -> client.call(TaskService.NAME, "State", StateRequest.newBuilder().setId("x").build(),
                        StateResponse.parser()));
                expectFailure(() -> client.call(TaskService.NAME, "Create", CreateTaskRequest.newBuilder().setId("x")
                        .setBundle(dir.resolve("no-bundle").toString()).build(), CreateTaskResponse.parser()));
                client.call(TaskService.NAME, "Shutdown", ShutdownRequest.newBuilder().setId("x").build(), Empty.parser());
            }
            events.send("/tasks/exit", containerd.events.Task.TaskExit.newBuilder().setContainerId("x").build());
            int pid = reaper.spawn(List.of("/bin/true"), List.of(), "/", new int[0]);
            reaper.exitOf(pid).get(10, TimeUnit.SECONDS);
            CgroupStats.forHost(Path.of("/sys/fs/cgroup")).read("/");
            Thread.sleep(200); // the event is sent
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void expectFailure(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            return; // the training only needs the failure path's classes
        }
    }
}
