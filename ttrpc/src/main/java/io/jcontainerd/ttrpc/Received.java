package io.jcontainerd.ttrpc;

/** What {@link FrameChannel#receive()} read: a whole message, or the header of a discarded one. */
sealed interface Received {
    FrameHeader header();

    /** A message within the size limit, with its payload. */
    record Frame(FrameHeader header, byte[] payload) implements Received {
    }

    /**
     * A message over {@link FrameHeader#MAX_MESSAGE_LENGTH} whose payload was skipped; the peer
     * is told on the same stream id, as upstream does.
     */
    record Oversized(FrameHeader header) implements Received {
        /** {@code RESOURCE_EXHAUSTED} text, worded like upstream's channel.go. */
        String message() {
            return "message length " + header.length() + " exceed maximum message size of "
                    + FrameHeader.MAX_MESSAGE_LENGTH;
        }
    }
}
