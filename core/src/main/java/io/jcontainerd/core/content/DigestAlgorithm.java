package io.jcontainerd.core.content;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** The digest algorithms containerd accepts (go-digest's available set), by their name in a digest string. */
public enum DigestAlgorithm {
    SHA256("sha256", "SHA-256", 32),
    SHA384("sha384", "SHA-384", 48),
    SHA512("sha512", "SHA-512", 64);

    /** containerd's canonical algorithm: the one new content is digested with. */
    public static final DigestAlgorithm CANONICAL = SHA256;

    private final String text;
    private final String jcaName;
    private final int size;

    DigestAlgorithm(String text, String jcaName, int size) {
        this.text = text;
        this.jcaName = jcaName;
        this.size = size;
    }

    /** {@return the algorithm if {@code text} names one, e.g. "sha256"} */
    public static Optional<DigestAlgorithm> byText(String text) {
        for (DigestAlgorithm a : values()) {
            if (a.text.equals(text)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** {@return the name in a digest string and in a blob path, e.g. "sha256"} */
    public String text() {
        return text;
    }

    /** {@return the length of the hex encoding: twice the hash size} */
    public int hexLength() {
        return size * 2;
    }

    /** {@return a fresh hasher for this algorithm} */
    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // every Java SE runtime must ship SHA-256/384/512
            throw new IllegalStateException(jcaName + " is not available", e);
        }
    }

    /** {@return the digest of {@code data}} */
    public Digest digest(byte[] data) {
        return Digest.of(this, newMessageDigest().digest(data));
    }

    @Override
    public String toString() {
        return text;
    }
}
