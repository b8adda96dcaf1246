package io.jcontainerd.services.content;

import containerd.services.content.v1.ContentOuterClass;
import io.grpc.Status;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.api.convert.Timestamps;

/** Content objects between core and the Content API's messages. */
final class ContentProtos {
    private ContentProtos() {
    }

    static ContentOuterClass.Info info(Info info) {
        return ContentOuterClass.Info.newBuilder()
                .setDigest(info.digest().toString())
                .setSize(info.size())
                .setCreatedAt(Timestamps.orZero(info.createdAt()))
                .setUpdatedAt(Timestamps.orZero(info.updatedAt()))
                .putAllLabels(info.labels())
                .build();
    }

    /** Upstream's List leaves the update time out (it sends Go's zero time). */
    static ContentOuterClass.Info listed(Info info) {
        return info(info).toBuilder().setUpdatedAt(Timestamps.GO_ZERO).build();
    }

    static ContentOuterClass.Status status(io.jcontainerd.core.content.Status status) {
        return ContentOuterClass.Status.newBuilder()
                .setStartedAt(Timestamps.orZero(status.startedAt()))
                .setUpdatedAt(Timestamps.orZero(status.updatedAt()))
                .setRef(status.ref())
                .setOffset(status.offset())
                .setTotal(status.total())
                .setExpected(text(status.expected()))
                .build();
    }

    static String text(Digest digest) {
        return digest == null ? "" : digest.toString();
    }

    /** {@return the digest, or null for an empty string (Go's zero digest)} */
    static Digest optionalDigest(String text) {
        return text.isEmpty() ? null : Digest.parse(text);
    }

    /** Info and Update reject a malformed digest as upstream: {@code "x" failed validation}, nothing more. */
    static Digest validated(String text) {
        try {
            return Digest.parse(text);
        } catch (ErrdefsException e) {
            throw Status.INVALID_ARGUMENT.withDescription(Errdefs.quote(text)
                    + " failed validation").asRuntimeException();
        }
    }

    /** Delete and Read name go-digest's own error; Read prefixes the digest. */
    static Digest parsed(String text, String prefix) {
        try {
            return Digest.parse(text);
        } catch (ErrdefsException e) {
            throw Status.INVALID_ARGUMENT.withDescription(prefix + e.getMessage()).asRuntimeException();
        }
    }
}
