package io.jcontainerd.api.convert;

import containerd.types.DescriptorOuterClass;
import containerd.types.MountOuterClass;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.mount.Mount;
import java.util.List;

/** Descriptors and mounts between core and containerd's shared {@code types} messages, for the daemon and the client alike. */
public final class DescriptorProtos {
    private DescriptorProtos() {
    }

    public static DescriptorOuterClass.Descriptor proto(Descriptor d) {
        return DescriptorOuterClass.Descriptor.newBuilder().setMediaType(d.mediaType()).setDigest(d.digest().toString())
                .setSize(d.size()).putAllAnnotations(d.annotations()).build();
    }

    /** @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for a digest go-digest would not accept */
    public static Descriptor descriptor(DescriptorOuterClass.Descriptor d) {
        return new Descriptor(d.getMediaType(), Digest.parse(d.getDigest()), d.getSize(), d.getAnnotationsMap());
    }

    public static List<Mount> mounts(List<MountOuterClass.Mount> mounts) {
        return mounts.stream().map(m -> new Mount(m.getType(), m.getSource(), m.getTarget(), m.getOptionsList())).toList();
    }

    public static List<MountOuterClass.Mount> protos(List<Mount> mounts) {
        return mounts.stream().map(DescriptorProtos::proto).toList();
    }

    public static MountOuterClass.Mount proto(Mount m) {
        return MountOuterClass.Mount.newBuilder().setType(m.type()).setSource(m.source()).setTarget(m.target())
                .addAllOptions(m.options()).build();
    }
}
