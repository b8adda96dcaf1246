package io.jcontainerd.api.convert;

import containerd.services.images.v1.ImagesOuterClass;
import containerd.types.DescriptorOuterClass;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.images.Image;

/** Images between core and the Images API's messages, for the daemon's service and the client alike. */
public final class ImageProtos {
    private ImageProtos() {
    }

    public static ImagesOuterClass.Image proto(Image image) {
        var builder = ImagesOuterClass.Image.newBuilder()
                .setName(image.name())
                .putAllLabels(image.labels())
                .setCreatedAt(Timestamps.orZero(image.createdAt()))
                .setUpdatedAt(Timestamps.orZero(image.updatedAt()));
        if (image.target() != null) {
            builder.setTarget(DescriptorProtos.proto(image.target()));
        }
        return builder.build();
    }

    /**
     * {@return the image a message carries}; an unset target (no digest) stays null, as an update
     * may not touch it.
     *
     * @throws ErrdefsException INVALID_ARGUMENT for a digest go-digest would not accept
     */
    public static Image image(ImagesOuterClass.Image proto) {
        DescriptorOuterClass.Descriptor t = proto.getTarget();
        Descriptor target = null;
        if (!t.getDigest().isEmpty()) {
            try {
                target = new Descriptor(t.getMediaType(), Digest.parse(t.getDigest()), t.getSize(), t.getAnnotationsMap());
            } catch (ErrdefsException e) {
                throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT,
                        "Target.Digest " + Errdefs.quote(t.getDigest()) + " invalid: " + e.getMessage(), e);
            }
        }
        return new Image(proto.getName(), proto.getLabelsMap(), target,
                proto.hasCreatedAt() ? Timestamps.instant(proto.getCreatedAt()) : null,
                proto.hasUpdatedAt() ? Timestamps.instant(proto.getUpdatedAt()) : null);
    }
}
