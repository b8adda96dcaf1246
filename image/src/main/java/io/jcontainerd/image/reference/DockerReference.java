package io.jcontainerd.image.reference;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * A reference in Docker's grammar ({@code [domain/]path[:tag][@digest]}), as containerd 1.6's
 * {@code reference/docker} parses it. {@link #parseNormalizedNamed} is what users type
 * ({@code nginx:alpine} means {@code docker.io/library/nginx:alpine}); {@link #parseDockerRef} also
 * adds {@code :latest} and keeps only the digest of a tag+digest reference, as CRI does before a pull.
 *
 * @param domain "" when the reference names none (only from {@link #parse}; normalised ones always have one)
 * @param path   the repository path, e.g. {@code library/nginx}
 * @param tag    "" when there is none
 * @param digest null when there is none
 */
public record DockerReference(String domain, String path, String tag, Digest digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    static final String OFFICIAL_REPO_PREFIX = "library/";
    public static final String DEFAULT_TAG = "latest";

    public static final String INVALID_FORMAT = "invalid reference format";
    public static final String NAME_EMPTY = "repository name must have at least one component";
    public static final String NAME_UPPERCASE = "repository name must be lowercase";
    public static final String NAME_TOO_LONG = "repository name must not be more than "
            + ReferenceGrammar.NAME_TOTAL_LENGTH_MAX + " characters";

    public DockerReference {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tag, "tag");
    }

    /**
     * Parses {@code s} as written, without normalising: {@code nginx} stays a name without domain.
     *
     * @throws ErrdefsException INVALID_ARGUMENT "invalid reference format", "repository name must be
     *     lowercase", "repository name must have at least one component", "repository name must not
     *     be more than 255 characters", or go-digest's message for a malformed digest
     */
    public static DockerReference parse(String s) {
        Matcher m = ReferenceGrammar.REFERENCE.matcher(s);
        if (!m.matches()) {
            if (s.isEmpty()) {
                throw invalid(NAME_EMPTY);
            }
            if (ReferenceGrammar.REFERENCE.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
                throw invalid(NAME_UPPERCASE);
            }
            throw invalid(INVALID_FORMAT);
        }
        String name = m.group(1);
        if (name.length() > ReferenceGrammar.NAME_TOTAL_LENGTH_MAX) {
            throw invalid(NAME_TOO_LONG);
        }
        Matcher n = ReferenceGrammar.NAME.matcher(name);
        if (!n.matches()) {
            throw new IllegalStateException("a matched reference name must match the name grammar: " + name);
        }
        Digest digest = m.group(3) == null ? null : Digest.parse(m.group(3));
        return new DockerReference(Objects.requireNonNullElse(n.group(1), ""), n.group(2),
                Objects.requireNonNullElse(m.group(2), ""), digest);
    }

    /**
     * Parses a familiar reference into its full form: the domain defaults to {@code docker.io}
     * ({@code index.docker.io} reads as that too) and official images get {@code library/}. The
     * first component is a domain only if it has a "." or ":" or is {@code localhost}.
     *
     * @throws ErrdefsException INVALID_ARGUMENT as {@link #parse}, and "invalid repository name (…),
     *     cannot specify 64-byte hexadecimal strings" for an image ID
     */
    public static DockerReference parseNormalizedNamed(String s) {
        if (ReferenceGrammar.IDENTIFIER.matcher(s).matches()) {
            throw invalid("invalid repository name (" + s + "), cannot specify 64-byte hexadecimal strings");
        }
        String domain;
        String remainder;
        int slash = s.indexOf('/');
        String first = slash < 0 ? "" : s.substring(0, slash);
        if (slash < 0 || (!first.contains(".") && !first.contains(":") && !first.equals("localhost"))) {
            domain = DEFAULT_DOMAIN;
            remainder = s;
        } else {
            domain = first;
            remainder = s.substring(slash + 1);
        }
        if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && !remainder.contains("/")) {
            remainder = OFFICIAL_REPO_PREFIX + remainder;
        }
        int colon = remainder.indexOf(':');
        String remoteName = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
            throw invalid(INVALID_FORMAT + ": " + NAME_UPPERCASE);
        }
        return parse(domain + "/" + remainder);
    }

    /**
     * {@return the normalised reference with {@code :latest} added when it has neither tag nor
     * digest, and without the tag when it has both (the digest decides)}
     */
    public static DockerReference parseDockerRef(String s) {
        DockerReference ref = parseNormalizedNamed(s);
        if (ref.digest != null && !ref.tag.isEmpty()) {
            return new DockerReference(ref.domain, ref.path, "", ref.digest);
        }
        return ref.tagNameOnly();
    }

    /** {@return domain and path, e.g. {@code docker.io/library/nginx}} */
    public String name() {
        return domain.isEmpty() ? path : domain + "/" + path;
    }

    public Optional<Digest> digestIfAny() {
        return Optional.ofNullable(digest);
    }

    /** {@return whether there is neither tag nor digest} */
    public boolean isNameOnly() {
        return tag.isEmpty() && digest == null;
    }

    /** {@return this reference with {@code :latest} when it names only a repository} */
    public DockerReference tagNameOnly() {
        return isNameOnly() ? withTag(DEFAULT_TAG) : this;
    }

    /** @throws ErrdefsException INVALID_ARGUMENT "invalid tag format" */
    public DockerReference withTag(String newTag) {
        if (!ReferenceGrammar.TAG_ONLY.matcher(newTag).matches()) {
            throw invalid("invalid tag format");
        }
        return new DockerReference(domain, path, newTag, digest);
    }

    public DockerReference withDigest(Digest newDigest) {
        return new DockerReference(domain, path, tag, Objects.requireNonNull(newDigest, "digest"));
    }

    /** {@return the name as Docker shows it: without {@code docker.io/} and an official image's {@code library/}} */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return name();
        }
        int slash = path.indexOf('/');
        boolean official = path.startsWith(OFFICIAL_REPO_PREFIX) && slash == path.lastIndexOf('/');
        return official ? path.substring(OFFICIAL_REPO_PREFIX.length()) : path;
    }

    /** {@return the reference as Docker shows it, e.g. {@code nginx:alpine}} */
    public String familiarString() {
        return decorate(familiarName());
    }

    /** {@return {@code name[:tag][@digest]}} */
    @Override
    public String toString() {
        return decorate(name());
    }

    private String decorate(String name) {
        StringBuilder b = new StringBuilder(name);
        if (!tag.isEmpty()) {
            b.append(':').append(tag);
        }
        if (digest != null) {
            b.append('@').append(digest);
        }
        return b.toString();
    }

    private static ErrdefsException invalid(String message) {
        return new ErrdefsException(ErrorKind.INVALID_ARGUMENT, message);
    }
}
