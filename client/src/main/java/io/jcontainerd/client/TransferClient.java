package io.jcontainerd.client;

import io.jcontainerd.image.Platform;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import containerd.services.transfer.v1.TransferGrpc;
import containerd.services.transfer.v1.TransferOuterClass.TransferOptions;
import containerd.services.transfer.v1.TransferOuterClass.TransferRequest;
import containerd.types.PlatformOuterClass;
import containerd.types.transfer.Imagestore.ImageStore;
import containerd.types.transfer.Imagestore.UnpackConfiguration;
import containerd.types.transfer.ProgressOuterClass.Progress;
import containerd.types.transfer.Registry.AuthRequest;
import containerd.types.transfer.Registry.AuthResponse;
import containerd.types.transfer.Registry.AuthType;
import containerd.types.transfer.Registry.OCIRegistry;
import containerd.types.transfer.Registry.RegistryResolver;
import io.grpc.Channel;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * containerd 2.x's Transfer API: the daemon moves an image from a source to a destination, e.g.
 * pulls from a registry into its image store, reporting progress to a callback. Progress and
 * credential questions travel on streams this client opens through {@link StreamingClient}.
 */
public final class TransferClient {
    private static final System.Logger LOG = System.getLogger(TransferClient.class.getName());

    private final TransferGrpc.TransferBlockingStub stub;
    private final StreamingClient streaming;

    TransferClient(Channel channel, StreamingClient streaming) {
        this.stub = TransferGrpc.newBlockingStub(channel);
        this.streaming = streaming;
    }

    /**
     * Has the daemon pull {@code reference} (e.g. {@code 127.0.0.1:5000/library/alpine:3}) into its
     * image store, and unpack it unless {@code options} say not to.
     *
     * @param progress receives every progress event, in order, on one thread; before this returns
     * @throws io.jcontainerd.core.errdefs.ErrdefsException as the daemon failed the pull
     */
    public void pull(String reference, PullOptions options, Consumer<TransferProgress> progress) throws InterruptedException {
        withRegistry(reference, options,
                (registry, progressStream) -> transfer(registry, imageStore(reference, options), progressStream, progress));
    }

    /**
     * Has the daemon push its image {@code image} to {@code reference}: every platform, or those of
     * {@code options}, whose registry settings (hosts directory, plain HTTP, headers, credentials)
     * apply as to a pull.
     *
     * @param progress receives every progress event, in order, on one thread; before this returns
     * @throws io.jcontainerd.core.errdefs.ErrdefsException as the daemon failed the push
     */
    public void push(String image, String reference, PullOptions options, Consumer<TransferProgress> progress)
            throws InterruptedException {
        ImageStore.Builder store = ImageStore.newBuilder().setName(image);
        options.platforms().forEach(p -> store.addPlatforms(platform(p)));
        withRegistry(reference, options,
                (registry, progressStream) -> transfer(store.build(), registry, progressStream, progress));
    }

    /** A transfer from or to {@code registry}; it owns {@code progressStream} (see {@link #transfer}). */
    @FunctionalInterface
    private interface RegistryTransfer {
        void run(OCIRegistry registry, ClientStream progressStream) throws InterruptedException;
    }

    /**
     * Runs {@code transfer} with the registry {@code options} describe, answering credential
     * questions meanwhile; its auth and progress streams are opened together.
     */
    private void withRegistry(String reference, PullOptions options, RegistryTransfer transfer) throws InterruptedException {
        List<ClientStream> streams = streaming.open(List.of(StreamingClient.generateId("auth"),
                StreamingClient.generateId("progress")));
        ClientStream auth = streams.getFirst();
        ClientStream progressStream = streams.get(1);
        ExecutorService helpers = Executors.newVirtualThreadPerTaskExecutor();
        boolean started = false;
        try {
            helpers.submit(() -> answerCredentials(auth, options.credentials()));
            RegistryResolver.Builder resolver = RegistryResolver.newBuilder().setAuthStream(auth.id())
                    .putAllHeaders(options.headers()).setHostDir(options.hostDir());
            if (options.plainHttp()) {
                resolver.setDefaultScheme("http");
            }
            OCIRegistry registry = OCIRegistry.newBuilder().setReference(reference).setResolver(resolver).build();
            started = true;
            transfer.run(registry, progressStream);
        } finally {
            if (!started) {
                progressStream.cancel("transfer not started");
            }
            auth.cancel("transfer done"); // the daemon ends it after the transfer; this ends it if the daemon never took it
            helpers.shutdownNow();
        }
    }

    /**
     * Runs a transfer from {@code source} to {@code destination} (messages of
     * {@code containerd.types.transfer}), reporting its progress.
     */
    public void transfer(Message source, Message destination, Consumer<TransferProgress> progress) throws InterruptedException {
        transfer(source, destination, streaming.open(StreamingClient.generateId("progress")), progress);
    }

    /** The transfer through an open {@code progressStream}, which it closes (or cancels, when the daemon never took it). */
    private void transfer(Message source, Message destination, ClientStream progressStream, Consumer<TransferProgress> progress)
            throws InterruptedException {
        Thread pump = Thread.ofVirtual().name("transfer-progress").start(() -> deliver(progressStream, progress));
        boolean transferred = false;
        try {
            GrpcErrors.call(() -> stub.transfer(TransferRequest.newBuilder().setSource(pack(source))
                    .setDestination(pack(destination))
                    .setOptions(TransferOptions.newBuilder().setProgressStream(progressStream.id())).build()));
            transferred = true;
        } finally {
            progressStream.close();
            if (!transferred) {
                progressStream.cancel("transfer failed"); // the daemon may never have taken the stream
            }
            pump.join(); // after a transfer the daemon ends the stream: every event has been delivered
        }
    }

    private static ImageStore imageStore(String reference, PullOptions options) {
        ImageStore.Builder store = ImageStore.newBuilder()
                .setName(options.imageName().isEmpty() ? reference : options.imageName())
                .setAllMetadata(options.allMetadata())
                .putAllLabels(options.labels());
        options.platforms().forEach(p -> store.addPlatforms(platform(p)));
        if (options.unpack()) {
            if (options.platforms().isEmpty()) {
                store.addUnpacks(UnpackConfiguration.newBuilder().setSnapshotter(options.snapshotter()));
            }
            options.platforms().forEach(p -> store.addUnpacks(UnpackConfiguration.newBuilder()
                    .setPlatform(platform(p)).setSnapshotter(options.snapshotter())));
        }
        return store.build();
    }

    private static PlatformOuterClass.Platform platform(Platform p) {
        return PlatformOuterClass.Platform.newBuilder().setOs(p.os()).setArchitecture(p.architecture())
                .setVariant(p.variant()).build();
    }

    /** containerd 2.x names an {@code Any}'s type by the message's bare full name. */
    private static Any pack(Message message) {
        return Any.newBuilder().setTypeUrl(message.getDescriptorForType().getFullName()).setValue(message.toByteString()).build();
    }

    private static boolean is(Any any, Message prototype) {
        String url = any.getTypeUrl();
        String name = prototype.getDescriptorForType().getFullName();
        return url.equals(name) || url.equals("type.googleapis.com/" + name);
    }

    private static void deliver(ClientStream stream, Consumer<TransferProgress> progress) {
        try {
            for (Optional<Any> next = stream.receive(); next.isPresent(); next = stream.receive()) {
                if (is(next.get(), Progress.getDefaultInstance())) {
                    progress.accept(progress(Progress.parseFrom(next.get().getValue())));
                } else {
                    LOG.log(System.Logger.Level.WARNING, "unhandled progress object {0}", next.get().getTypeUrl());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "progress stream failed: {0}", e.getMessage());
        }
    }

    private static TransferProgress progress(Progress p) {
        Descriptor desc = p.hasDesc() ? new Descriptor(p.getDesc().getMediaType(), Digest.parse(p.getDesc().getDigest()),
                p.getDesc().getSize(), p.getDesc().getAnnotationsMap()) : null;
        return new TransferProgress(p.getEvent(), p.getName(), p.getParentsList(), p.getProgress(), p.getTotal(), desc);
    }

    /** Answers each AuthRequest on the auth stream until the daemon ends it. */
    private static void answerCredentials(ClientStream auth, PullOptions.CredentialSource credentials) {
        try {
            for (Optional<Any> next = auth.receive(); next.isPresent(); next = auth.receive()) {
                if (!is(next.get(), AuthRequest.getDefaultInstance())) {
                    continue;
                }
                AuthRequest request = AuthRequest.parseFrom(next.get().getValue());
                auth.send(credentials.forHost(request.getHost())
                        .map(login -> AuthResponse.newBuilder()
                                .setAuthType(login.username().isEmpty() ? AuthType.REFRESH : AuthType.CREDENTIALS)
                                .setUsername(login.username()).setSecret(login.secret()).build())
                        .orElse(AuthResponse.newBuilder().setAuthType(AuthType.NONE).build()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "auth stream ended: {0}", e.getMessage());
        }
    }
}
