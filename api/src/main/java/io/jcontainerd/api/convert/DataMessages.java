package io.jcontainerd.api.convert;

import com.google.protobuf.CodedOutputStream;
import containerd.types.transfer.Streaming.Data;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code transfer.Data} messages that carry an archive on a stream, encoded straight from the
 * bytes they carry: one copy, where building a {@code Data} and serializing it copies twice.
 */
public final class DataMessages {
    /** The type URL they are sent under: the bare full name, as containerd 2.x's typeurl writes it. */
    public static final String TYPE_URL = Data.getDescriptor().getFullName();

    private DataMessages() {
    }

    /** {@return the encoded {@code Data} message carrying {@code bytes[offset, offset+length)}} */
    public static byte[] encode(byte[] bytes, int offset, int length) {
        byte[] encoded = new byte[CodedOutputStream.computeTagSize(Data.DATA_FIELD_NUMBER)
                + CodedOutputStream.computeUInt32SizeNoTag(length) + length];
        CodedOutputStream out = CodedOutputStream.newInstance(encoded);
        try {
            out.writeByteArray(Data.DATA_FIELD_NUMBER, bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the array is sized to fit
        }
        out.checkNoSpaceLeft();
        return encoded;
    }
}
