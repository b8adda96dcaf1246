package io.jcontainerd.api.convert;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import containerd.services.containers.v1.ContainersOuterClass;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.types.TypedValue;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Containers between core and the Containers API's messages, for the daemon's service and the client alike. */
public final class ContainerProtos {
    private ContainerProtos() {
    }

    public static ContainersOuterClass.Container proto(Container container) {
        var runtime = ContainersOuterClass.Container.Runtime.newBuilder().setName(container.runtime().name());
        if (container.runtime().options() != null) {
            runtime.setOptions(any(container.runtime().options()));
        }
        var builder = ContainersOuterClass.Container.newBuilder()
                .setId(container.id())
                .putAllLabels(container.labels())
                .setImage(container.image())
                .setRuntime(runtime)
                .setSnapshotter(container.snapshotter())
                .setSnapshotKey(container.snapshotKey())
                .setCreatedAt(Timestamps.orZero(container.createdAt()))
                .setUpdatedAt(Timestamps.orZero(container.updatedAt()));
        if (container.spec() != null) {
            builder.setSpec(any(container.spec()));
        }
        container.extensions().forEach((name, value) -> builder.putExtensions(name, any(value)));
        return builder.build();
    }

    /** {@return the container a request carries}; an unset spec stays null for the store to judge. */
    public static Container fromProto(ContainersOuterClass.Container proto) {
        var runtime = proto.hasRuntime()
                ? new Container.Runtime(proto.getRuntime().getName(),
                        proto.getRuntime().hasOptions() ? typed(proto.getRuntime().getOptions()) : null)
                : null;
        Map<String, TypedValue> extensions = new HashMap<>();
        proto.getExtensionsMap().forEach((name, value) -> extensions.put(name, typed(value)));
        return new Container(proto.getId(), proto.getLabelsMap(), proto.getImage(), runtime,
                proto.hasSpec() ? typed(proto.getSpec()) : null, proto.getSnapshotter(), proto.getSnapshotKey(),
                extensions, instant(proto.getCreatedAt()), instant(proto.getUpdatedAt()));
    }

    public static Any any(TypedValue value) {
        return Any.newBuilder().setTypeUrl(value.typeUrl()).setValue(ByteString.copyFrom(value.value())).build();
    }

    /** {@return the instant, null for an unset or Go-zero timestamp (a request's)} */
    private static Instant instant(Timestamp t) {
        return t.equals(Timestamp.getDefaultInstance()) || t.equals(Timestamps.GO_ZERO) ? null : Timestamps.instant(t);
    }

    private static TypedValue typed(Any any) {
        return new TypedValue(any.getTypeUrl(), any.getValue().toByteArray());
    }
}
