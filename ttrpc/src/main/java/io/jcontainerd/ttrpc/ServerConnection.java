package io.jcontainerd.ttrpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Status;
import io.jcontainerd.api.ttrpc.Request;
import io.jcontainerd.api.ttrpc.Response;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One accepted connection on the server side: reads requests in a loop and runs each on its own
 * thread, so a slow method never holds up the others multiplexed on the same socket.
 */
final class ServerConnection {
    private static final System.Logger LOG = System.getLogger(ServerConnection.class.getName());

    private final FrameChannel channel;
    private final ServiceTable services;
    private final Executor handlers;

    ServerConnection(FrameChannel channel, ServiceTable services, Executor handlers) {
        this.channel = channel;
        this.services = services;
        this.handlers = handlers;
    }

    /** Serves until the peer hangs up or the server closes; then closes the socket. */
    void serve() {
        try (channel) {
            while (true) {
                switch (channel.receive()) {
                    case Received.Oversized oversized -> respond(oversized.header().streamId(),
                            failure(StatusCodes.RESOURCE_EXHAUSTED, oversized.message()));
                    case Received.Frame frame when frame.header().type() != FrameHeader.TYPE_REQUEST -> {
                        // ignored, as upstream does, so newer peers may add message types
                    }
                    case Received.Frame frame -> accept(frame);
                }
            }
        } catch (EOFException | ClosedChannelException | RejectedExecutionException e) {
            // peer hung up, or the server is closing
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ttrpc: connection failed", e);
        }
    }

    private void accept(Received.Frame frame) {
        int streamId = frame.header().streamId();
        Request request;
        try {
            request = Request.parseFrom(frame.payload());
        } catch (InvalidProtocolBufferException e) {
            respond(streamId, failure(StatusCodes.INVALID_ARGUMENT, "unmarshal request error: " + e.getMessage()));
            return;
        }
        if ((streamId & 1) == 0) {
            respond(streamId, failure(StatusCodes.INVALID_ARGUMENT, "StreamID must be odd for client initiated streams"));
            return;
        }
        handlers.execute(() -> respond(streamId, services.call(request)));
    }

    private void respond(int streamId, Response response) {
        try {
            channel.send(streamId, FrameHeader.TYPE_RESPONSE, response.toByteArray());
        } catch (IOException e) {
            // the reader notices a dead connection too; the caller will not see this answer
            LOG.log(Level.DEBUG, "ttrpc: dropping response on stream " + Integer.toUnsignedString(streamId), e);
        }
    }

    private static Response failure(int code, String message) {
        return Response.newBuilder().setStatus(Status.newBuilder().setCode(code).setMessage(message)).build();
    }
}
