package io.jcontainerd.client;

import containerd.types.MountOuterClass;
import io.jcontainerd.core.mount.Mount;
import java.util.List;

/** Mount descriptions to and from containerd's {@code types.Mount}. */
final class MountProtos {
    private MountProtos() {
    }

    static List<Mount> fromProto(List<MountOuterClass.Mount> mounts) {
        return mounts.stream().map(m -> new Mount(m.getType(), m.getSource(), m.getTarget(), m.getOptionsList())).toList();
    }

    static List<MountOuterClass.Mount> toProto(List<Mount> mounts) {
        return mounts.stream().map(m -> MountOuterClass.Mount.newBuilder().setType(m.type()).setSource(m.source())
                .setTarget(m.target()).addAllOptions(m.options()).build()).toList();
    }
}
