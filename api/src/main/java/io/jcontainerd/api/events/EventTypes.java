package io.jcontainerd.api.events;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event messages containerd publishes ({@code containerd.events.*} and the image events, which
 * upstream declares in package {@code containerd.services.images.v1}), by type URL.
 *
 * <p>containerd marshals events with {@code typeurl.MarshalAny}, whose URL for a protobuf message
 * is its bare full name ({@code containerd.events.NamespaceCreate}, no {@code type.googleapis.com/}
 * prefix), and looks URLs up by exact name; so do we.
 */
public final class EventTypes {
    private static final Map<String, Descriptor> BY_URL = index(List.of(
            containerd.events.Container.getDescriptor(),
            containerd.events.Content.getDescriptor(),
            containerd.services.images.v1.Image.getDescriptor(),
            containerd.events.Namespace.getDescriptor(),
            containerd.events.Snapshot.getDescriptor(),
            containerd.events.Task.getDescriptor()));

    private EventTypes() {
    }

    /** {@return the type URL containerd gives {@code event}: the message's full name} */
    public static String typeUrl(Message event) {
        return event.getDescriptorForType().getFullName();
    }

    /**
     * Decodes an event payload.
     *
     * @throws InvalidProtocolBufferException for an unknown type, worded like typeurl's
     *     {@code type with url <url>: not found}, or for bytes that do not parse
     */
    public static Message decode(String typeUrl, ByteString value) throws InvalidProtocolBufferException {
        Descriptor type = BY_URL.get(typeUrl);
        if (type == null) {
            throw new InvalidProtocolBufferException("type with url " + typeUrl + ": not found");
        }
        return DynamicMessage.parseFrom(type, value);
    }

    private static Map<String, Descriptor> index(List<FileDescriptor> files) {
        Map<String, Descriptor> byUrl = new HashMap<>();
        for (FileDescriptor file : files) {
            file.getMessageTypes().forEach(type -> add(type, byUrl));
        }
        return Map.copyOf(byUrl);
    }

    // nested messages (ContainerCreate.Runtime) are registered under their full names too
    private static void add(Descriptor type, Map<String, Descriptor> byUrl) {
        if (type.getOptions().getMapEntry()) {
            return;
        }
        byUrl.put(type.getFullName(), type);
        type.getNestedTypes().forEach(nested -> add(nested, byUrl));
    }
}
