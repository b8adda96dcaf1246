package io.jcontainerd.client.h2;

/** HTTP/2's frame types, flags, settings and error codes (RFC 9113) that the transport uses. */
final class Frame {
    static final int HEADER_BYTES = 9;
    /** The frame size every peer must accept; we never advertise a larger one. */
    static final int DEFAULT_MAX_FRAME_SIZE = 16_384;
    /** The largest SETTINGS_MAX_FRAME_SIZE a peer may announce (2^24-1). */
    static final int LARGEST_FRAME_SIZE = 16_777_215;
    static final int DEFAULT_WINDOW = 65_535;

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PUSH_PROMISE = 0x5;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;

    static final int FLAG_END_STREAM = 0x1;
    static final int FLAG_ACK = 0x1;
    static final int FLAG_END_HEADERS = 0x4;
    static final int FLAG_PADDED = 0x8;
    static final int FLAG_PRIORITY = 0x20;

    static final int SETTINGS_ENABLE_PUSH = 0x2;
    static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    static final int SETTINGS_MAX_FRAME_SIZE = 0x5;

    static final int NO_ERROR = 0x0;
    static final int PROTOCOL_ERROR = 0x1;
    static final int CANCEL = 0x8;

    private Frame() {
    }
}
