package io.jcontainerd.client.h2;

import io.grpc.InternalMetadata;
import io.grpc.Metadata;
import io.grpc.internal.TransportFrameUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HPACK header blocks: requests are written as literals that never touch the dynamic table (so
 * the encoder keeps no state); responses are read by {@link HpackDecoder}, which keeps the table
 * the server's encoder fills.
 */
final class HeaderBlocks {
    private final HpackDecoder decoder = new HpackDecoder();

    /** {@return a request's header block: a gRPC POST of {@code path}, then {@code metadata}} */
    static byte[] request(String path, Metadata metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(0x83); // :method POST, static table entry 3
        out.write(0x86); // :scheme http, entry 6
        literal(out, 4, bytes(path)); // :path, name from entry 4
        literal(out, 1, bytes("localhost")); // :authority, entry 1
        literal(out, "content-type", "application/grpc");
        literal(out, "te", "trailers");
        literal(out, "user-agent", "grpc-java-jcontainerd");
        byte[][] pairs = TransportFrameUtil.toHttp2Headers(metadata);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            literal(out, pairs[i], pairs[i + 1]);
        }
        return out.toByteArray();
    }

    /** {@return the decoded block: the {@code :status} pseudo-header, the rest as gRPC metadata} */
    Decoded decode(byte[] block) throws HpackException {
        List<HpackDecoder.Field> fields = decoder.decode(block);
        List<byte[]> raw = new ArrayList<>(fields.size() * 2);
        String status = null;
        for (HpackDecoder.Field field : fields) {
            String name = field.nameText();
            if (name.startsWith(":")) {
                if (name.equals(":status")) {
                    status = new String(field.value(), StandardCharsets.ISO_8859_1);
                }
                continue;
            }
            raw.add(field.name());
            raw.add(field.value());
        }
        byte[][] serialized = TransportFrameUtil.toRawSerializedHeaders(raw.toArray(new byte[0][]));
        return new Decoded(status, InternalMetadata.newMetadata(serialized));
    }

    /** @param httpStatus the {@code :status} pseudo-header, null when absent */
    record Decoded(String httpStatus, Metadata metadata) {
    }

    private static void literal(ByteArrayOutputStream out, String name, String value) {
        literal(out, bytes(name), bytes(value));
    }

    private static void literal(ByteArrayOutputStream out, byte[] name, byte[] value) {
        out.write(0x00); // literal without indexing, new name
        string(out, name);
        string(out, value);
    }

    private static void literal(ByteArrayOutputStream out, int staticNameIndex, byte[] value) {
        integer(out, 0x00, 4, staticNameIndex); // literal without indexing, indexed name
        string(out, value);
    }

    private static void string(ByteArrayOutputStream out, byte[] value) {
        integer(out, 0x00, 7, value.length); // not Huffman-coded
        out.writeBytes(value);
    }

    /** RFC 7541 5.1: {@code value} in an {@code prefixBits}-bit prefix after {@code firstBits}. */
    static void integer(ByteArrayOutputStream out, int firstBits, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(firstBits | value);
            return;
        }
        out.write(firstBits | max);
        int rest = value - max;
        while (rest >= 0x80) {
            out.write((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
