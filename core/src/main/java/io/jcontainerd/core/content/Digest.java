package io.jcontainerd.core.content;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:e3b0c4…}: the algorithm and the lowercase hex encoding
 * of the hash, validated like go-digest's {@code Digest.Validate} (with its error texts, which
 * clients see). Every instance is valid.
 */
public record Digest(DigestAlgorithm algorithm, String hex) {
    /** go-digest's {@code DigestRegexpAnchored}: tells a malformed digest from an unsupported algorithm. */
    private static final Pattern WELL_FORMED = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

    public static final String INVALID_FORMAT = "invalid checksum digest format";
    public static final String INVALID_LENGTH = "invalid checksum digest length";
    public static final String UNSUPPORTED = "unsupported digest algorithm";

    /** @throws ErrdefsException INVALID_ARGUMENT when {@code hex} is not the algorithm's length or not lowercase hex */
    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != algorithm.hexLength()) {
            throw invalid(INVALID_LENGTH);
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw invalid(INVALID_FORMAT);
            }
        }
    }

    /**
     * Parses {@code algorithm:hex}.
     *
     * @throws ErrdefsException INVALID_ARGUMENT with go-digest's message: "invalid checksum digest
     *     format", "invalid checksum digest length" or "unsupported digest algorithm"
     */
    public static Digest parse(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0 || colon + 1 == s.length()) {
            throw invalid(INVALID_FORMAT);
        }
        DigestAlgorithm algorithm = DigestAlgorithm.byText(s.substring(0, colon)).orElseThrow(
                () -> invalid(WELL_FORMED.matcher(s).matches() ? UNSUPPORTED : INVALID_FORMAT));
        return new Digest(algorithm, s.substring(colon + 1));
    }

    /** {@return the digest whose raw hash bytes are {@code hash}} */
    public static Digest of(DigestAlgorithm algorithm, byte[] hash) {
        return new Digest(algorithm, HexFormat.of().formatHex(hash));
    }

    /** {@return the canonical (sha256) digest of {@code s} in UTF-8, like go-digest's FromString} */
    public static Digest fromString(String s) {
        return DigestAlgorithm.CANONICAL.digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ErrdefsException invalid(String message) {
        return new ErrdefsException(ErrorKind.INVALID_ARGUMENT, message);
    }

    @Override
    public String toString() {
        return algorithm.text() + ":" + hex;
    }
}
