package io.jcontainerd.ttrpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

/**
 * One method of a {@link TtrpcService}: turns a serialized request into a response message.
 *
 * <p>Throwing maps to the response status: a {@link TtrpcStatusException} keeps its code, an
 * {@link io.jcontainerd.core.errdefs.ErrdefsException} anywhere in the cause chain becomes its
 * kind's code ({@link StatusCodes#of}), anything else becomes {@code UNKNOWN}; the message is the
 * exception's.
 */
@FunctionalInterface
public interface TtrpcMethod {
    Message handle(RequestContext context, ByteString payload) throws Exception;

    /** A method whose handler receives the request already parsed. */
    static <T extends Message> TtrpcMethod of(Parser<T> requestParser, Typed<T> handler) {
        return (context, payload) -> {
            T request;
            try {
                request = requestParser.parseFrom(payload);
            } catch (InvalidProtocolBufferException e) {
                // same code and wording as upstream's unmarshal failure
                throw new TtrpcStatusException(StatusCodes.INTERNAL,
                        "ttrpc: error unmarshalling payload: " + e.getMessage());
            }
            return handler.handle(context, request);
        };
    }

    /** A handler of an already parsed request; see {@link #of}. */
    @FunctionalInterface
    interface Typed<T extends Message> {
        Message handle(RequestContext context, T request) throws Exception;
    }
}
