package io.jcontainerd.services.events;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.jcontainerd.api.events.EventTypes;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.core.events.PayloadFields;
import io.jcontainerd.core.filters.Adaptor;
import io.jcontainerd.core.filters.Adaptors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code event.*} filter fields of an event, by the rules of the {@code Field} methods
 * containerd generates for its event messages (protobuf/plugin/fieldpath): a string field is
 * present when not empty, a bool always ({@code true}/{@code false}); {@code labels} maps are
 * looked up by the rest of the path joined with {@code .}; a singular message (an {@code Any}
 * once decoded) is descended into; repeated fields, numbers and timestamps are not fields.
 */
final class EventFields implements PayloadFields {
    @Override
    public Adaptor of(TypedValue payload) {
        return decoded(payload.typeUrl(), ByteString.copyFrom(payload.value()));
    }

    private static Adaptor decoded(String typeUrl, ByteString value) {
        try {
            Message event = EventTypes.decode(typeUrl, value);
            return path -> field(event, path);
        } catch (InvalidProtocolBufferException e) {
            return path -> Optional.empty();
        }
    }

    private static Optional<String> field(Message message, List<String> path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        FieldDescriptor f = message.getDescriptorForType().findFieldByName(path.getFirst());
        if (f == null) {
            return Optional.empty();
        }
        List<String> rest = path.subList(1, path.size());
        if (f.isMapField() && f.getName().equals("labels")) {
            return Adaptors.labels(stringMap(message, f), rest);
        }
        if (f.isRepeated()) {
            return Optional.empty();
        }
        return switch (f.getJavaType()) {
            case STRING -> Adaptors.nonEmpty((String) message.getField(f));
            case BOOLEAN -> Optional.of(String.valueOf(message.getField(f)));
            case MESSAGE -> message.hasField(f) ? nested((Message) message.getField(f), rest) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<String> nested(Message value, List<String> rest) {
        return switch (value.getDescriptorForType().getFullName()) {
            case "google.protobuf.Timestamp" -> Optional.empty();
            case "google.protobuf.Any" -> anyField(value, rest);
            default -> field(value, rest);
        };
    }

    private static Optional<String> anyField(Message value, List<String> rest) {
        Any any;
        try {
            any = Any.parseFrom(value.toByteString());
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
        return decoded(any.getTypeUrl(), any.getValue()).field(rest);
    }

    private static Map<String, String> stringMap(Message message, FieldDescriptor mapField) {
        Map<String, String> map = new HashMap<>();
        FieldDescriptor key = mapField.getMessageType().findFieldByName("key");
        FieldDescriptor value = mapField.getMessageType().findFieldByName("value");
        for (int i = 0; i < message.getRepeatedFieldCount(mapField); i++) {
            Message entry = (Message) message.getRepeatedField(mapField, i);
            map.put(String.valueOf(entry.getField(key)), String.valueOf(entry.getField(value)));
        }
        return map;
    }
}
