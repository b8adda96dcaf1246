package io.jcontainerd.plugins.content.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Payloads and assertions shared by the local store's tests (and the crash test's child process). */
final class ContentFixtures {
    private ContentFixtures() {
    }

    static byte[] payload(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Digest sha256(byte[] data) {
        return DigestAlgorithm.SHA256.digest(data);
    }

    static byte[] readAll(ContentStore store, Digest digest) throws IOException {
        try (ReaderAt r = store.readerAt(digest)) {
            return r.stream(0).readAllBytes();
        }
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertKind(ThrowingCallable call, ErrorKind kind) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    static ByteBuffer slice(byte[] data, int from, int to) {
        return ByteBuffer.wrap(data, from, to - from);
    }
}
