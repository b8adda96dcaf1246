package io.jcontainerd.daemon.aot;

import com.google.protobuf.Empty;
import com.google.protobuf.FieldMask;
import containerd.services.introspection.v1.IntrospectionGrpc;
import containerd.services.introspection.v1.IntrospectionOuterClass.PluginsRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.CreateNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.DeleteNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.ListNamespacesRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.Namespace;
import containerd.services.namespaces.v1.NamespaceOuterClass.UpdateNamespaceRequest;
import containerd.services.namespaces.v1.NamespacesGrpc;
import containerd.services.version.v1.VersionGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.MetadataUtils;
import io.jcontainerd.daemon.Builtins;
import io.jcontainerd.daemon.Daemon;
import io.jcontainerd.daemon.DaemonCommandLine;
import io.jcontainerd.daemon.DaemonVersion;
import io.jcontainerd.daemon.config.ConfigLoader;
import io.jcontainerd.daemon.config.LoadedConfig;
import io.jcontainerd.daemon.config.TomlWriter;
import io.jcontainerd.daemon.log.JulBridge;
import io.jcontainerd.daemon.log.Level;
import io.jcontainerd.daemon.log.Log;
import io.jcontainerd.daemon.server.EventLoops;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run for the JDK's AOT cache (run by the build with {@code -XX:AOTCacheOutput}):
 * walks the daemon's startup path and serves a few real client calls on a temp socket, so that the
 * classes a real start needs are loaded and linked ahead of time, then runs containers as
 * {@code ctr run --rm} does until their path is compiled (see {@link RunTraining}).
 */
public final class AotTraining {
    private static final int PULLS_PER_ROUND = 5;

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("jcd-aot");
        Log.setLevel(Level.WARN);
        try {
            Path socket = dir.resolve("c.sock");
            Path config = dir.resolve("config.toml");
            Files.writeString(config, """
                    version = 2
                    root = "%s"
                    state = "%s"
                    [grpc]
                      address = "%s"
                    [plugins."io.containerd.metadata.v1.bolt"]
                      content_sharing_policy = "shared"
                    """.formatted(dir.resolve("root"), dir.resolve("state"), socket));
            var eventLoops = EventLoops.warmUp();
            DaemonCommandLine.parse(List.of("--config", config.toString(), "--log-level", "warn"));
            var registrations = Builtins.registrations();
            ConfigLoader loader = new ConfigLoader(registrations);
            LoadedConfig loaded = loader.load(config, true);
            TomlWriter.write(loaded.tree());
            JulBridge.install();
            try (Daemon daemon = Daemon.start(loaded.config(), loader, registrations, DaemonVersion.current(), eventLoops)) {
                exercise(socket);
            }
        } finally {
            // deleting through a mount a failed run left behind would delete what it shows
            if (unmountedUnder(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        InitializedClasses.writeListFromProperty();
        System.exit(0);
    }

    /** Detaches every mount under {@code dir}, deepest first; {@return false if one could not be} */
    private static boolean unmountedUnder(Path dir) throws IOException {
        List<String> targets = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(line -> line.split(" ")[1]).filter(target -> target.startsWith(dir + "/"))
                .sorted(Comparator.reverseOrder()).toList();
        Syscalls sys = new LinuxSyscalls();
        for (String target : targets) {
            try {
                sys.umount2(RawPath.of(target), Linux.MNT_DETACH);
            } catch (SyscallException e) {
                System.err.println("aot training: " + dir + " left in place: " + e.getMessage());
                return false;
            }
        }
        return true;
    }

    private static void runContainers(ManagedChannel channel) {
        int run = 0;
        try (RunTraining containers = RunTraining.withImage(channel)) {
            for (; run < RunTraining.RUNS; run++) {
                containers.run(run);
            }
        } catch (Exception e) {
            // e.g. not root, or no runc or shim on this machine: the runs so far still train
            System.err.println("aot training: container runs stopped after " + run + ": " + e);
        }
    }

    private static void exercise(Path socket) throws InterruptedException, IOException {
        EpollEventLoopGroup group = new EpollEventLoopGroup(1);
        // like ctr, every call names a namespace (namespace changes publish their events there)
        Metadata headers = new Metadata();
        headers.put(RequestNamespace.HEADER, "default");
        ManagedChannel channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(headers)).build();
        try (TrainingRegistry registry = TrainingRegistry.start()) {
            for (int round = 0; round < 3; round++) {
                VersionGrpc.newBlockingStub(channel).version(Empty.getDefaultInstance());
                var introspection = IntrospectionGrpc.newBlockingStub(channel);
                introspection.plugins(PluginsRequest.getDefaultInstance());
                introspection.plugins(PluginsRequest.newBuilder().addFilters("type==io.containerd.grpc.v1").build());
                introspection.server(Empty.getDefaultInstance());
                HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
                var namespaces = NamespacesGrpc.newBlockingStub(channel);
                Namespace ns = Namespace.newBuilder().setName("aot-" + round).putLabels("a", "b").build();
                namespaces.create(CreateNamespaceRequest.newBuilder().setNamespace(ns).build());
                try {
                    namespaces.create(CreateNamespaceRequest.newBuilder().setNamespace(ns).build());
                } catch (StatusRuntimeException expected) {
                    // the error path is part of the startup profile too
                }
                namespaces.update(UpdateNamespaceRequest.newBuilder().setNamespace(ns)
                        .setUpdateMask(FieldMask.newBuilder().addPaths("labels.a")).build());
                namespaces.list(ListNamespacesRequest.getDefaultInstance());
                namespaces.delete(DeleteNamespaceRequest.newBuilder().setName(ns.getName()).build());
                try {
                    new UnpackTraining(channel).run(round);
                } catch (Exception e) {
                    // e.g. not root, so no mounts: the classes loaded so far still train the cache
                    System.err.println("aot training: unpack skipped: " + e);
                }
                try {
                    // 15 pulls in all: the pull path gets compiled in training, so at start
                    // (AOTCompileEagerly). A fresh daemon's medium pull after a small one took
                    // 0.86-0.87 s after 3 pulls without streams, 0.69-0.70 s after these; 30 gained nothing more
                    PullTraining pulls = new PullTraining(channel, registry.reference());
                    for (int pull = 0; pull < PULLS_PER_ROUND; pull++) {
                        pulls.run();
                    }
                } catch (RuntimeException e) {
                    System.err.println("aot training: pull failed: " + e);
                }
            }
            runContainers(channel);
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }
}
