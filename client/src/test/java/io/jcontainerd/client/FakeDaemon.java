package io.jcontainerd.client;

import com.google.protobuf.Empty;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import containerd.services.introspection.v1.IntrospectionGrpc;
import containerd.services.leases.v1.LeasesGrpc;
import containerd.services.leases.v1.LeasesOuterClass.CreateRequest;
import containerd.services.leases.v1.LeasesOuterClass.CreateResponse;
import containerd.services.leases.v1.LeasesOuterClass.DeleteRequest;
import containerd.services.leases.v1.LeasesOuterClass.Lease;
import containerd.services.streaming.v1.StreamingGrpc;
import containerd.services.streaming.v1.StreamingOuterClass.StreamInit;
import containerd.services.introspection.v1.IntrospectionOuterClass.Plugin;
import containerd.services.introspection.v1.IntrospectionOuterClass.PluginsRequest;
import containerd.services.introspection.v1.IntrospectionOuterClass.PluginsResponse;
import containerd.services.introspection.v1.IntrospectionOuterClass.ServerResponse;
import containerd.services.namespaces.v1.NamespaceOuterClass.DeleteNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.GetNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.GetNamespaceResponse;
import containerd.services.namespaces.v1.NamespaceOuterClass.Namespace;
import containerd.services.namespaces.v1.NamespacesGrpc;
import com.google.protobuf.Timestamp;
import containerd.services.snapshots.v1.SnapshotsGrpc;
import containerd.services.snapshots.v1.SnapshotsOuterClass;
import containerd.services.snapshots.v1.SnapshotsOuterClass.ListSnapshotsRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.ListSnapshotsResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass.PrepareSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.PrepareSnapshotResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass.StatSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.StatSnapshotResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UpdateSnapshotRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UpdateSnapshotResponse;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UsageRequest;
import containerd.services.snapshots.v1.SnapshotsOuterClass.UsageResponse;
import containerd.services.version.v1.VersionGrpc;
import containerd.types.MountOuterClass;
import containerd.services.version.v1.VersionOuterClass.VersionResponse;
import containerd.types.PlatformOuterClass;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scripted daemon on a Unix socket: {@code Get(name)} fails with the status code called
 * {@code name} (but for two fixed namespaces), {@code Delete} never answers, the rest return fixed data.
 * Streams are acknowledged only once two have been opened; leases are created as asked.
 */
final class FakeDaemon implements AutoCloseable {
    static final Metadata.Key<String> NAMESPACE = Metadata.Key.of("containerd-namespace", Metadata.ASCII_STRING_MARSHALLER);

    static final Metadata.Key<String> LEASE = Metadata.Key.of("containerd-lease", Metadata.ASCII_STRING_MARSHALLER);

    final AtomicReference<String> lastNamespace = new AtomicReference<>();
    /** The lease header of the last namespaces call; empty when it had none. */
    final AtomicReference<String> lastLease = new AtomicReference<>();
    /** The labels of the last lease created. */
    final AtomicReference<Map<String, String>> lastLeaseLabels = new AtomicReference<>();
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private final Server server;

    FakeDaemon(Path socket) throws IOException {
        ServerInterceptor recordNamespace = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                lastNamespace.set(headers.get(NAMESPACE));
                lastLease.set(Objects.requireNonNullElse(headers.get(LEASE), ""));
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .withChildOption(ChannelOption.SO_KEEPALIVE, null)
                .bossEventLoopGroup(loop)
                .workerEventLoopGroup(loop)
                .addService(ServerInterceptors.intercept(new Namespaces(), recordNamespace))
                .addService(new Introspection())
                .addService(new Version())
                .addService(new Snapshots())
                .addService(new Streaming())
                .addService(new Leases())
                .build()
                .start();
    }

    @Override
    public void close() {
        try {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Namespaces extends NamespacesGrpc.NamespacesImplBase {
        @Override
        public void get(GetNamespaceRequest request, StreamObserver<GetNamespaceResponse> response) {
            if (request.getName().equals("labelled")) {
                response.onNext(GetNamespaceResponse.newBuilder()
                        .setNamespace(Namespace.newBuilder().setName("labelled").putLabels("a", "1"))
                        .build());
                response.onCompleted();
                return;
            }
            if (request.getName().equals("native-by-default")) {
                response.onNext(GetNamespaceResponse.newBuilder().setNamespace(Namespace.newBuilder()
                        .setName("native-by-default").putLabels("containerd.io/defaults/snapshotter", "native")).build());
                response.onCompleted();
                return;
            }
            Status.Code code = Status.Code.valueOf(request.getName());
            response.onError(Status.fromCode(code).withDescription("scripted " + code).asRuntimeException());
        }

        @Override
        public void delete(DeleteNamespaceRequest request, StreamObserver<Empty> response) {
            // never answers: lets tests run into their call deadline
        }
    }

    private static final class Introspection extends IntrospectionGrpc.IntrospectionImplBase {
        @Override
        public void plugins(PluginsRequest request, StreamObserver<PluginsResponse> response) {
            response.onNext(PluginsResponse.newBuilder()
                    .addPlugins(Plugin.newBuilder()
                            .setType("io.containerd.snapshotter.v1")
                            .setId("native")
                            .addRequires("io.containerd.content.v1")
                            .addPlatforms(PlatformOuterClass.Platform.newBuilder()
                                    .setOs("linux").setArchitecture("arm").setVariant("v7"))
                            .putExports("root", "/var/lib/x")
                            .addCapabilities("cap")
                            .setInitErr(com.google.rpc.Status.newBuilder().setCode(2).setMessage("no: skip plugin")))
                    .addPlugins(Plugin.newBuilder()
                            .setType("filters")
                            .setId(String.join(",", request.getFiltersList())))
                    .build());
            response.onCompleted();
        }

        @Override
        public void server(Empty request, StreamObserver<ServerResponse> response) {
            response.onNext(ServerResponse.newBuilder().setUuid("uuid-1").build());
            response.onCompleted();
        }
    }

    /**
     * Answers with what it was asked: a snapshot's name is {@code <snapshotter>/<key>}, an update
     * reports its field mask as labels, a list sends one info per filter in separate responses.
     */
    private static final class Snapshots extends SnapshotsGrpc.SnapshotsImplBase {
        @Override
        public void stat(StatSnapshotRequest request, StreamObserver<StatSnapshotResponse> response) {
            if (request.getKey().equals("absent")) {
                response.onError(Status.NOT_FOUND.withDescription("snapshot absent does not exist: not found").asRuntimeException());
                return;
            }
            response.onNext(StatSnapshotResponse.newBuilder().setInfo(SnapshotsOuterClass.Info.newBuilder()
                    .setName(request.getSnapshotter() + "/" + request.getKey()).setParent("p")
                    .setKind(SnapshotsOuterClass.Kind.VIEW).putLabels("l", "v")
                    .setCreatedAt(Timestamp.newBuilder().setSeconds(7))).build());
            response.onCompleted();
        }

        @Override
        public void update(UpdateSnapshotRequest request, StreamObserver<UpdateSnapshotResponse> response) {
            var info = request.getInfo().toBuilder().clearLabels();
            request.getUpdateMask().getPathsList().forEach(path -> info.putLabels(path, request.getInfo().getLabelsOrDefault(
                    path.substring(path.indexOf('.') + 1), "")));
            response.onNext(UpdateSnapshotResponse.newBuilder().setInfo(info).build());
            response.onCompleted();
        }

        @Override
        public void list(ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> response) {
            for (String filter : request.getFiltersList()) {
                response.onNext(ListSnapshotsResponse.newBuilder().addInfo(SnapshotsOuterClass.Info.newBuilder()
                        .setName(request.getSnapshotter() + ":" + filter).setKind(SnapshotsOuterClass.Kind.COMMITTED)).build());
            }
            response.onCompleted();
        }

        @Override
        public void prepare(PrepareSnapshotRequest request, StreamObserver<PrepareSnapshotResponse> response) {
            response.onNext(PrepareSnapshotResponse.newBuilder().addMounts(MountOuterClass.Mount.newBuilder()
                    .setType("overlay").setSource("overlay").addOptions("lowerdir=/" + request.getParent())
                    .addOptions("upperdir=/" + request.getKey()).addOptions(request.getLabelsOrDefault("opt", "none")))
                    .build());
            response.onCompleted();
        }

        @Override
        public void usage(UsageRequest request, StreamObserver<UsageResponse> response) {
            response.onNext(UsageResponse.newBuilder().setInodes(3).setSize(4096).build());
            response.onCompleted();
        }
    }

    private static final class Version extends VersionGrpc.VersionImplBase {
        @Override
        public void version(Empty request, StreamObserver<VersionResponse> response) {
            response.onNext(VersionResponse.newBuilder().setVersion("1.6.20").setRevision("rev").build());
            response.onCompleted();
        }
    }

    /** Holds every stream's acknowledgement until two streams have sent their {@code StreamInit}. */
    private static final class Streaming extends StreamingGrpc.StreamingImplBase {
        private static final int INITS_BEFORE_ACKS = 2;
        private final List<StreamObserver<Any>> unacknowledged = new ArrayList<>();

        @Override
        public StreamObserver<Any> stream(StreamObserver<Any> responses) {
            return new StreamObserver<>() {
                @Override
                public void onNext(Any message) {
                    try {
                        StreamInit.parseFrom(message.getValue());
                    } catch (InvalidProtocolBufferException e) {
                        responses.onError(Status.INVALID_ARGUMENT.asRuntimeException());
                        return;
                    }
                    synchronized (unacknowledged) {
                        unacknowledged.add(responses);
                        if (unacknowledged.size() == INITS_BEFORE_ACKS) {
                            unacknowledged.forEach(stream -> stream.onNext(Any.pack(Empty.getDefaultInstance())));
                            unacknowledged.clear();
                        }
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    responses.onCompleted();
                }
            };
        }
    }

    private final class Leases extends LeasesGrpc.LeasesImplBase {
        @Override
        public void create(CreateRequest request, StreamObserver<CreateResponse> response) {
            lastLeaseLabels.set(request.getLabelsMap());
            response.onNext(CreateResponse.newBuilder()
                    .setLease(Lease.newBuilder().setId(request.getId()).putAllLabels(request.getLabelsMap())).build());
            response.onCompleted();
        }

        @Override
        public void delete(DeleteRequest request, StreamObserver<Empty> response) {
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        }
    }
}
