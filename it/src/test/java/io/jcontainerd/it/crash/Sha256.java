package io.jcontainerd.it.crash;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests named as containerd names them, {@code sha256:<hex>}. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest newHash() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@return the digest of what {@code hash} took in} */
    static String name(MessageDigest hash) {
        return "sha256:" + HexFormat.of().formatHex(hash.digest());
    }

    /** {@return the digest of the bytes in {@code file}} */
    static String of(Path file) throws IOException {
        MessageDigest hash = newHash();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), hash)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return name(hash);
    }
}
