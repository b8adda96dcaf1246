package io.jcontainerd.core.streaming;

import io.jcontainerd.core.types.TypedValue;
import java.io.IOException;

/** A registered stream as the server side sees it: messages go to and come from its client. */
public interface Stream extends AutoCloseable {
    /**
     * Sends a message to the client.
     *
     * @throws IOException when the client has gone away
     */
    void send(TypedValue message) throws IOException;

    /**
     * {@return the client's next message, waiting for it}
     *
     * @throws java.io.EOFException when the client has finished sending or gone away
     * @throws IOException          when the stream failed
     */
    TypedValue recv() throws IOException, InterruptedException;

    /** Ends the stream for the client and unregisters it; closing twice does nothing. */
    @Override
    void close();
}
