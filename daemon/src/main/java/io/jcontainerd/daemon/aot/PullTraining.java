package io.jcontainerd.daemon.aot;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import containerd.services.images.v1.ImagesGrpc;
import containerd.services.images.v1.ImagesOuterClass.DeleteImageRequest;
import containerd.services.streaming.v1.StreamingGrpc;
import containerd.services.streaming.v1.StreamingOuterClass.StreamInit;
import containerd.services.transfer.v1.TransferGrpc;
import containerd.services.transfer.v1.TransferOuterClass.TransferOptions;
import containerd.services.transfer.v1.TransferOuterClass.TransferRequest;
import containerd.types.transfer.Imagestore.ImageStore;
import containerd.types.transfer.Imagestore.UnpackConfiguration;
import containerd.types.transfer.Registry.OCIRegistry;
import containerd.types.transfer.Registry.RegistryResolver;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pull through the Transfer service as jctr asks for one, for the AOT training run: with an
 * auth stream and a progress stream opened through the Streaming service, so that the registry
 * client, the pull pipeline, progress reporting and the unpack load (and compile) here, not in a
 * user's first pull. The image is removed again; a second round finds its content there.
 */
final class PullTraining {
    private static final long WAIT_SECONDS = 30;
    /** Names streams uniquely for the whole run: one a failed round left registered cannot clash. */
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final Channel channel;
    private final String reference;

    PullTraining(Channel channel, String reference) {
        this.channel = channel;
        this.reference = reference;
    }

    void run() throws InterruptedException {
        TrainingStream auth = open("auth");
        TrainingStream progress = open("progress");
        OCIRegistry source = OCIRegistry.newBuilder().setReference(reference)
                .setResolver(RegistryResolver.newBuilder().setDefaultScheme("http").setAuthStream(auth.id)).build();
        ImageStore destination = ImageStore.newBuilder().setName(reference)
                .addUnpacks(UnpackConfiguration.newBuilder().setSnapshotter("overlayfs")).build();
        try {
            TransferGrpc.newBlockingStub(channel).withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS).transfer(TransferRequest.newBuilder().setSource(pack(source))
                    .setDestination(pack(destination))
                    .setOptions(TransferOptions.newBuilder().setProgressStream(progress.id)).build());
        } finally {
            auth.close();
            progress.close();
        }
        ImagesGrpc.newBlockingStub(channel).withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS).delete(DeleteImageRequest.newBuilder().setName(reference).build());
    }

    /** Opens a named stream and waits for the daemon's acknowledgement. */
    private TrainingStream open(String prefix) throws InterruptedException {
        TrainingStream stream = new TrainingStream(prefix + "-aot-" + STREAMS.getAndIncrement());
        stream.requests = (ClientCallStreamObserver<Any>) StreamingGrpc.newStub(channel).stream(stream);
        stream.requests.onNext(pack(StreamInit.newBuilder().setId(stream.id).build()));
        Any ack = stream.received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (ack == null || ack == TrainingStream.ENDED) {
            stream.requests.cancel("not acknowledged", null);
            throw new IllegalStateException("stream " + stream.id + " not acknowledged");
        }
        return stream;
    }

    /** One Streaming call: what the daemon sends is queued and dropped, as progress a CLI draws. */
    private static final class TrainingStream implements StreamObserver<Any> {
        /** Queued after the last message when the call ends. */
        static final Any ENDED = Any.newBuilder().setTypeUrl("training/ended").build();

        final String id;
        final BlockingQueue<Any> received = new LinkedBlockingQueue<>();
        final CountDownLatch ended = new CountDownLatch(1);
        ClientCallStreamObserver<Any> requests;

        TrainingStream(String id) {
            this.id = id;
        }

        @Override
        public void onNext(Any value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {
            end();
        }

        @Override
        public void onCompleted() {
            end();
        }

        private void end() {
            received.add(ENDED);
            ended.countDown();
        }

        /** Ends our side and waits for the daemon to end its own, as it does after a transfer; else cancels the call. */
        void close() throws InterruptedException {
            requests.onCompleted();
            if (!ended.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                requests.cancel("not ended by the daemon", null);
            }
        }
    }

    /** As containerd 2.x's clients: the type URL is the message's bare full name. */
    private static Any pack(Message message) {
        return Any.newBuilder().setTypeUrl(message.getDescriptorForType().getFullName()).setValue(message.toByteString()).build();
    }
}
