package io.jcontainerd.services.containers;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import containerd.services.containers.v1.ContainersOuterClass;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.services.grpc.Timestamps;
import java.util.HashMap;
import java.util.Map;

/** Containers between core and the Containers API's messages. */
final class ContainerProtos {
    private ContainerProtos() {
    }

    static ContainersOuterClass.Container proto(Container container) {
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
    static Container fromProto(ContainersOuterClass.Container proto) {
        var runtime = proto.hasRuntime()
                ? new Container.Runtime(proto.getRuntime().getName(),
                        proto.getRuntime().hasOptions() ? typed(proto.getRuntime().getOptions()) : null)
                : null;
        Map<String, TypedValue> extensions = new HashMap<>();
        proto.getExtensionsMap().forEach((name, value) -> extensions.put(name, typed(value)));
        return new Container(proto.getId(), proto.getLabelsMap(), proto.getImage(), runtime,
                proto.hasSpec() ? typed(proto.getSpec()) : null, proto.getSnapshotter(), proto.getSnapshotKey(),
                extensions, null, null);
    }

    static Any any(TypedValue value) {
        return Any.newBuilder().setTypeUrl(value.typeUrl()).setValue(ByteString.copyFrom(value.value())).build();
    }

    private static TypedValue typed(Any any) {
        return new TypedValue(any.getTypeUrl(), any.getValue().toByteArray());
    }
}
