package io.jcontainerd.services.content;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.UnsafeByteOperations;
import containerd.services.content.v1.ContentGrpc;
import containerd.services.content.v1.ContentOuterClass.AbortRequest;
import containerd.services.content.v1.ContentOuterClass.DeleteContentRequest;
import containerd.services.content.v1.ContentOuterClass.InfoRequest;
import containerd.services.content.v1.ContentOuterClass.InfoResponse;
import containerd.services.content.v1.ContentOuterClass.ListContentRequest;
import containerd.services.content.v1.ContentOuterClass.ListContentResponse;
import containerd.services.content.v1.ContentOuterClass.ListStatusesRequest;
import containerd.services.content.v1.ContentOuterClass.ListStatusesResponse;
import containerd.services.content.v1.ContentOuterClass.ReadContentRequest;
import containerd.services.content.v1.ContentOuterClass.ReadContentResponse;
import containerd.services.content.v1.ContentOuterClass.StatusRequest;
import containerd.services.content.v1.ContentOuterClass.StatusResponse;
import containerd.services.content.v1.ContentOuterClass.UpdateRequest;
import containerd.services.content.v1.ContentOuterClass.UpdateResponse;
import containerd.services.content.v1.ContentOuterClass.WriteContentRequest;
import containerd.services.content.v1.ContentOuterClass.WriteContentResponse;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.grpc.AliasingMarshaller;
import io.jcontainerd.services.grpc.GrpcErrors;
import io.jcontainerd.services.grpc.InlineMethods;
import io.jcontainerd.services.grpc.OutboundFlow;
import io.jcontainerd.services.grpc.RequestLease;
import io.jcontainerd.services.grpc.RequestNamespace;
import io.jcontainerd.services.grpc.Unary;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/** {@code io.containerd.grpc.v1 content}: the Content API over {@link ContentService}, in the call's namespace. */
public final class ContentGrpcService implements ContentGrpc.AsyncService, BindableService, InlineMethods {
    /** Upstream's List sends infos in blocks of this many. */
    static final int LIST_BATCH = 100;
    /** Upstream's Read copies through a buffer of this size, one response per fill. */
    static final int READ_CHUNK_BYTES = 1 << 20;

    private final ContentService service;

    public ContentGrpcService(ContentService service) {
        this.service = service;
    }

    public static Registration<ContentGrpcService> registration() {
        return Registration.of(PluginTypes.GRPC, "content", List.of(PluginTypes.SERVICE), ctx ->
                new ContentGrpcService(ctx.plugins()
                        .byId(PluginTypes.SERVICE, ContentService.ID, ContentService.class)
                        .orElseThrow(() -> new IllegalStateException("content store service not found"))));
    }

    /** Read is inline for its first message only: a longer read streams on a thread of its own. */
    @Override
    public Set<String> inlineMethods() {
        return Set.of(ContentGrpc.getInfoMethod().getFullMethodName(), ContentGrpc.getReadMethod().getFullMethodName());
    }

    /** Write's requests alias the array they arrive in: one copy of each MiB instead of three. */
    @Override
    public ServerServiceDefinition bindService() {
        return AliasingMarshaller.aliasingRequests(ContentGrpc.bindService(this), ContentGrpc.getWriteMethod(),
                WriteContentRequest.parser());
    }

    private ContentStore store() {
        return service.in(RequestNamespace.required(), RequestLease.current());
    }

    @Override
    public void info(InfoRequest request, StreamObserver<InfoResponse> observer) {
        Unary.reply(observer, () -> {
            Digest digest = ContentProtos.validated(request.getDigest());
            return InfoResponse.newBuilder().setInfo(ContentProtos.info(store().info(digest))).build();
        });
    }

    @Override
    public void update(UpdateRequest request, StreamObserver<UpdateResponse> observer) {
        Unary.reply(observer, () -> {
            var proto = request.getInfo();
            Digest digest = ContentProtos.validated(proto.getDigest());
            Info wanted = new Info(digest, proto.getSize(), null, null, proto.getLabelsMap());
            Info updated = store().update(wanted, request.getUpdateMask().getPathsList());
            return UpdateResponse.newBuilder().setInfo(ContentProtos.info(updated)).build();
        });
    }

    @Override
    public void list(ListContentRequest request, StreamObserver<ListContentResponse> observer) {
        try {
            var block = ListContentResponse.newBuilder();
            store().walk(request.getFiltersList(), info -> {
                block.addInfo(ContentProtos.listed(info));
                if (block.getInfoCount() >= LIST_BATCH) {
                    observer.onNext(block.build());
                    block.clear();
                }
            });
            if (block.getInfoCount() > 0) {
                observer.onNext(block.build());
            }
            observer.onCompleted();
        } catch (Exception | Error e) {
            observer.onError(GrpcErrors.toException(e));
        }
    }

    @Override
    public void delete(DeleteContentRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            Digest digest = ContentProtos.parsed(request.getDigest(), "");
            service.delete(RequestNamespace.required(), RequestLease.current(), digest);
            return Empty.getDefaultInstance();
        });
    }

    /**
     * Streams {@code size} bytes from {@code offset} (0 or too many: to the end), as upstream's Read.
     * A range of one message is sent from the calling thread, which for this inline method is the
     * event loop; a longer one moves to a virtual thread, where waiting for the client to take
     * more holds up nobody else.
     */
    @Override
    public void read(ReadContentRequest request, StreamObserver<ReadContentResponse> observer) {
        OutboundFlow flow = new OutboundFlow(observer);
        ReaderAt reader = null;
        try {
            Digest digest = ContentProtos.parsed(request.getDigest(), request.getDigest() + ": ");
            // one lookup: ctr reads a blob as one Read call per 32 KiB, so each call's cost counts
            reader = store().readerAt(digest);
            long length = reader.size();
            long offset = Math.max(0, request.getOffset());
            if (offset > length) {
                throw Status.OUT_OF_RANGE.withDescription("read past object length " + length + " bytes")
                        .asRuntimeException();
            }
            long size = request.getSize();
            long end = size <= 0 || offset + size > length ? length : offset + size;
            ReaderAt opened = reader;
            reader = null;
            if (end - offset <= READ_CHUNK_BYTES) {
                send(opened, offset, end, flow, observer);
            } else {
                Thread.ofVirtual().name("content-read").start(() -> send(opened, offset, end, flow, observer));
            }
        } catch (Exception | Error e) {
            closeQuietly(reader);
            observer.onError(GrpcErrors.toException(e));
        }
    }

    /** Sends {@code [offset, end)} of {@code reader}, which it closes, and completes the call. */
    private static void send(ReaderAt reader, long offset, long end, OutboundFlow flow,
            StreamObserver<ReadContentResponse> observer) {
        try {
            try (reader) {
                int chunk = (int) Math.min(READ_CHUNK_BYTES, Math.max(end - offset, 1));
                for (long position = offset; position < end; ) {
                    // a fresh array per message, handed to protobuf without a copy: it is never written again
                    byte[] data = new byte[(int) Math.min(chunk, end - position)];
                    ByteBuffer buffer = ByteBuffer.wrap(data);
                    // fill the whole chunk, as upstream's io.ReadFull does
                    while (buffer.hasRemaining() && reader.read(buffer, position + buffer.position()) > 0) {
                        Thread.onSpinWait();
                    }
                    int n = buffer.position();
                    if (n == 0) {
                        break;
                    }
                    if (position > offset) {
                        // the first message goes out at once: it is all an inline read sends
                        flow.awaitReady();
                    }
                    observer.onNext(ReadContentResponse.newBuilder().setOffset(position - offset)
                            .setData(UnsafeByteOperations.unsafeWrap(data, 0, n)).build());
                    position += n;
                }
            }
            observer.onCompleted();
        } catch (Exception | Error e) {
            observer.onError(GrpcErrors.toException(e));
        }
    }

    private static void closeQuietly(ReaderAt reader) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (Exception ignored) {
            // the call already fails with the error that got us here
        }
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusResponse> observer) {
        Unary.reply(observer, () -> {
            try {
                return StatusResponse.newBuilder()
                        .setStatus(ContentProtos.status(store().status(request.getRef()))).build();
            } catch (ErrdefsException e) {
                throw new ErrdefsException(e.kind(), "could not get status for ref "
                        + Errdefs.quote(request.getRef()) + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void listStatuses(ListStatusesRequest request, StreamObserver<ListStatusesResponse> observer) {
        Unary.reply(observer, () -> {
            var response = ListStatusesResponse.newBuilder();
            store().listStatuses(request.getFiltersList()).forEach(s -> response.addStatuses(ContentProtos.status(s)));
            return response.build();
        });
    }

    @Override
    public void abort(AbortRequest request, StreamObserver<Empty> observer) {
        Unary.reply(observer, () -> {
            store().abort(request.getRef());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public StreamObserver<WriteContentRequest> write(StreamObserver<WriteContentResponse> observer) {
        return new WriteSession(service, observer);
    }
}
