package io.jcontainerd.plugins.runtime.v2;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import containerd.types.MountOuterClass;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.runtime.TaskStatus;
import io.jcontainerd.core.types.TypedValue;
import java.time.Instant;

/** Values between the shim API's protobuf form and core's. */
final class ShimProtos {
    private ShimProtos() {
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Any any(TypedValue value) {
        return Any.newBuilder().setTypeUrl(value.typeUrl()).setValue(ByteString.copyFrom(value.value())).build();
    }

    /** {@return the value, or null for an unset Any (proto3 has no other way to say "none")} */
    static TypedValue typed(boolean present, Any any) {
        return present ? new TypedValue(any.getTypeUrl(), any.getValue().toByteArray()) : null;
    }

    static MountOuterClass.Mount mount(Mount m) {
        return MountOuterClass.Mount.newBuilder().setType(m.type()).setSource(m.source()).setTarget(m.target())
                .addAllOptions(m.options()).build();
    }

    static TaskStatus status(containerd.v1.types.Task.Status status) {
        return switch (status) {
            case CREATED -> TaskStatus.CREATED;
            case RUNNING -> TaskStatus.RUNNING;
            case STOPPED -> TaskStatus.STOPPED;
            case PAUSED -> TaskStatus.PAUSED;
            case PAUSING -> TaskStatus.PAUSING;
            case UNKNOWN, UNRECOGNIZED -> TaskStatus.UNKNOWN;
        };
    }
}
