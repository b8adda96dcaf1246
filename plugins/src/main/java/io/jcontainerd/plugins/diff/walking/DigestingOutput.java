package io.jcontainerd.plugins.diff.walking;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Hashes every byte written through it: the uncompressed digest of a layer being compressed. */
final class DigestingOutput extends FilterOutputStream {
    private final MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();

    DigestingOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        sha256.update((byte) b);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        sha256.update(b, off, len);
        out.write(b, off, len);
    }

    Digest digest() {
        return Digest.of(DigestAlgorithm.SHA256, sha256.digest());
    }
}
