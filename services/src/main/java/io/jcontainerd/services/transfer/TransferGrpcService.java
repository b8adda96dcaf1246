package io.jcontainerd.services.transfer;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import containerd.services.transfer.v1.TransferGrpc;
import containerd.services.transfer.v1.TransferOuterClass.TransferRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.streaming.StreamManager;
import io.jcontainerd.services.grpc.AnyMessages;
import io.jcontainerd.services.grpc.RequestLease;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.services.grpc.Unary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code io.containerd.grpc.v1 transfer}: the Transfer API over {@link TransferService}, as
 * upstream's plugins/services/transfer. Progress goes as {@code Any(Progress)} to the stream the
 * options name, which is closed when the transfer ends; so is the source's auth stream. A pair of
 * types no operation takes is UNIMPLEMENTED "method Transfer not implemented for X to Y".
 */
public final class TransferGrpcService extends TransferGrpc.TransferImplBase {
    private static final System.Logger LOG = System.getLogger(TransferGrpcService.class.getName());

    private final TransferService service;
    private final StreamManager streams;

    public TransferGrpcService(TransferService service, StreamManager streams) {
        this.service = service;
        this.streams = streams;
    }

    public static Registration<TransferGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "transfer", List.of(PluginTypes.TRANSFER, PluginTypes.STREAMING),
                ctx -> new TransferGrpcService(ctx.plugins().single(PluginTypes.TRANSFER, TransferService.class),
                        ctx.plugins().single(PluginTypes.STREAMING, StreamManager.class)));
    }

    @Override
    public void transfer(TransferRequest request, StreamObserver<Empty> observer) {
        Unary.replyUntilCancelled(observer, () -> {
            String namespace = RequestNamespace.required();
            List<Runnable> closers = new ArrayList<>();
            try {
                Consumer<ProgressEvent> progress = event -> { };
                String progressStream = request.getOptions().getProgressStream();
                if (!progressStream.isEmpty()) {
                    Stream stream = streams.get(namespace, progressStream);
                    closers.add(stream::close);
                    progress = event -> send(stream, event);
                }
                Optional<TransferEnd> source = TransferProtos.end(request.getSource(), namespace, streams);
                source.ifPresent(end -> closerOf(end).ifPresent(closers::add));
                Optional<TransferEnd> destination = TransferProtos.end(request.getDestination(), namespace, streams);
                destination.ifPresent(end -> closerOf(end).ifPresent(closers::add));
                if (source.isEmpty() || destination.isEmpty()) {
                    throw unimplemented(request.getSource(), request.getDestination());
                }
                try {
                    service.transfer(namespace, RequestLease.current(), source.get(), destination.get(), progress);
                } catch (ErrdefsException e) {
                    if (e.kind() == ErrorKind.NOT_IMPLEMENTED) {
                        throw unimplemented(request.getSource(), request.getDestination());
                    }
                    throw e;
                }
                return Empty.getDefaultInstance();
            } finally {
                closers.forEach(Runnable::run);
            }
        });
    }

    /** What closes the stream or file a transfer end holds (credentials, archive bytes) when the transfer ends. */
    private static Optional<Runnable> closerOf(TransferEnd end) {
        return switch (end) {
            case RegistrySource registry -> registry.authStream().map(stream -> stream::close);
            case ArchiveImportSource source -> Optional.of(source.archive()::close);
            case ArchiveExportTarget target -> Optional.of(target.archive()::close);
            case ImageStoreTarget store -> Optional.<Runnable>empty();
        };
    }

    private static void send(Stream stream, ProgressEvent event) {
        try {
            stream.send(AnyMessages.packForStream(TransferProtos.progress(event)));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "event not sent: {0}/{1}: {2}", event.event(), event.name(), e.getMessage());
        }
    }

    private static StatusRuntimeException unimplemented(Any source, Any destination) {
        return Status.UNIMPLEMENTED.withDescription("method Transfer not implemented for " + source.getTypeUrl() + " to "
                + destination.getTypeUrl()).asRuntimeException();
    }
}
