package io.jcontainerd.services.images;

import containerd.types.DescriptorOuterClass;
import io.grpc.Status;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.services.grpc.DescriptorProtos;
import io.jcontainerd.api.convert.Timestamps;

/** Images between core and the Images API's messages. */
final class ImageProtos {
    private ImageProtos() {
    }

    static containerd.services.images.v1.ImagesOuterClass.Image image(Image image) {
        var builder = containerd.services.images.v1.ImagesOuterClass.Image.newBuilder()
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
     * {@return the image a request carries}; an unset target (no digest) stays null for the store
     * to judge, as an update may not touch it.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for a digest go-digest would not accept
     */
    static Image fromProto(containerd.services.images.v1.ImagesOuterClass.Image proto) {
        DescriptorOuterClass.Descriptor t = proto.getTarget();
        Descriptor target = null;
        if (!t.getDigest().isEmpty()) {
            try {
                target = new Descriptor(t.getMediaType(), Digest.parse(t.getDigest()), t.getSize(), t.getAnnotationsMap());
            } catch (ErrdefsException e) {
                throw Status.INVALID_ARGUMENT.withDescription("Target.Digest " + Errdefs.quote(t.getDigest())
                        + " invalid: " + e.getMessage()).asRuntimeException();
            }
        }
        return new Image(proto.getName(), proto.getLabelsMap(), target, null, null);
    }
}
