package io.jcontainerd.ctr.text;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.GoGoProtos;
import com.google.protobuf.Message;
import io.jcontainerd.core.json.GoJsonString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * What Go's {@code encoding/json.Marshal} writes for a message as gogo/protobuf generates it, the
 * way ctr prints events: fields in declaration order named as in the .proto file; scalars, lists,
 * maps and messages left out when empty ({@code omitempty}) unless the field is
 * {@code (gogoproto.nullable) = false}; {@code (gogoproto.stdtime)} timestamps as RFC 3339 strings;
 * other messages ({@code Any}, a plain {@code Timestamp}) as objects of their fields; enums as
 * numbers; bytes as base64; map keys sorted; strings escaped as Go 1.19 escapes them (HTML
 * characters and U+2028/U+2029 too). Oneofs and floating point fields are not supported: no
 * containerd event has them.
 */
public final class GoJson {
    /** Go's zero {@code time.Time}: an unset non-nullable stdtime field. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** Go sorts map keys by their UTF-8 bytes, which is code point order; UTF-16 order differs above U+FFFF. */
    private static final Comparator<String> BY_CODE_POINT =
            (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    private GoJson() {
    }

    /** {@return {@code message} as Go's {@code json.Marshal} of its gogo struct writes it} */
    public static String marshal(Message message) {
        StringBuilder out = new StringBuilder();
        object(message, out);
        return out.toString();
    }

    private static void object(Message message, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (FieldDescriptor f : message.getDescriptorForType().getFields()) {
            if (f.getRealContainingOneof() != null) {
                throw new UnsupportedOperationException("json: oneof field " + f.getFullName());
            }
            if (omitEmpty(f) && isEmpty(message, f)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(f.getName(), out);
            out.append(':');
            field(message, f, out);
        }
        out.append('}');
    }

    /** gogo's json tag has {@code omitempty} unless the field is not nullable, which lists of scalars ignore. */
    private static boolean omitEmpty(FieldDescriptor f) {
        boolean nullable = !f.getOptions().hasExtension(GoGoProtos.nullable) || f.getOptions().getExtension(GoGoProtos.nullable);
        return nullable || f.isRepeated() && f.getJavaType() != JavaType.MESSAGE;
    }

    /** Go's omitempty test on the field's Go value: zero scalars, empty lists and maps, nil pointers. */
    private static boolean isEmpty(Message message, FieldDescriptor f) {
        if (f.isRepeated()) {
            return message.getRepeatedFieldCount(f) == 0;
        }
        Object value = message.getField(f);
        return switch (f.getJavaType()) {
            case MESSAGE -> !message.hasField(f);
            case STRING -> ((String) value).isEmpty();
            case BYTE_STRING -> ((ByteString) value).isEmpty();
            case BOOLEAN -> !(Boolean) value;
            case INT, LONG -> ((Number) value).longValue() == 0;
            case ENUM -> ((EnumValueDescriptor) value).getNumber() == 0;
            case FLOAT, DOUBLE -> throw new UnsupportedOperationException("json: floating point field " + f.getFullName());
        };
    }

    private static void field(Message message, FieldDescriptor f, StringBuilder out) {
        if (f.isRepeated()) {
            int n = message.getRepeatedFieldCount(f);
            if (n == 0) {
                out.append("null"); // a nil slice or map
            } else if (f.isMapField()) {
                map(message, f, out);
            } else {
                out.append('[');
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "," : "");
                    value(f, message.getRepeatedField(f, i), out);
                }
                out.append(']');
            }
        } else if (f.getJavaType() == JavaType.BYTE_STRING && ((ByteString) message.getField(f)).isEmpty()) {
            out.append("null"); // a nil []byte
        } else if (isStdtime(f) && !message.hasField(f)) {
            string(GoTime.rfc3339NanoUtc(GO_ZERO_TIME), out);
        } else {
            value(f, message.getField(f), out);
        }
    }

    private static void map(Message message, FieldDescriptor f, StringBuilder out) {
        FieldDescriptor keyField = f.getMessageType().findFieldByName("key");
        FieldDescriptor valueField = f.getMessageType().findFieldByName("value");
        record Entry(String key, Object value) {
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < message.getRepeatedFieldCount(f); i++) {
            Message entry = (Message) message.getRepeatedField(f, i);
            entries.add(new Entry(scalar(keyField, entry.getField(keyField)), entry.getField(valueField)));
        }
        entries.sort(Comparator.comparing(Entry::key, BY_CODE_POINT));
        out.append('{');
        for (int i = 0; i < entries.size(); i++) {
            out.append(i > 0 ? "," : "");
            string(entries.get(i).key(), out);
            out.append(':');
            value(valueField, entries.get(i).value(), out);
        }
        out.append('}');
    }

    private static void value(FieldDescriptor f, Object value, StringBuilder out) {
        switch (f.getJavaType()) {
            case STRING -> string((String) value, out);
            case BYTE_STRING -> string(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()), out);
            case MESSAGE -> {
                if (isStdtime(f)) {
                    string(GoTime.rfc3339NanoUtc(timestamp((Message) value)), out);
                } else {
                    object((Message) value, out);
                }
            }
            default -> out.append(scalar(f, value));
        }
    }

    private static boolean isStdtime(FieldDescriptor f) {
        return f.getOptions().getExtension(GoGoProtos.stdtime);
    }

    private static Instant timestamp(Message t) {
        var type = t.getDescriptorForType();
        return Instant.ofEpochSecond((Long) t.getField(type.findFieldByName("seconds")),
                (Integer) t.getField(type.findFieldByName("nanos")));
    }

    /** Integers, bools and enums (numbers) as Go writes them; unsigned protobuf types read unsigned. */
    private static String scalar(FieldDescriptor f, Object value) {
        return switch (f.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) value);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) value);
            case ENUM -> String.valueOf(((EnumValueDescriptor) value).getNumber());
            case FLOAT, DOUBLE -> throw new UnsupportedOperationException("json: floating point field " + f.getFullName());
            default -> String.valueOf(value);
        };
    }

    /** A Go JSON string: {@code encoding/json} with HTML escaping, as Go 1.19 writes it ({@code \b} is {@code \u0008}). */
    public static void string(String s, StringBuilder out) {
        GoJsonString.append(s, out);
    }
}
