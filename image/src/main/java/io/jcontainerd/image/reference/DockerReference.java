package io.jcontainerd.image.reference;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker image reference, {@code [domain/]path[:tag][@digest]}, parsed and normalized like the
 * distribution reference package containerd 1.6 vendors ({@code reference/docker}). Absent parts
 * are empty strings; a reference from {@link #parseNormalizedNamed} always has a domain.
 */
public record DockerReference(String domain, String path, String tag, String digest) {
    private static final int NAME_TOTAL_LENGTH_MAX = 255;
    private static final String DEFAULT_DOMAIN = "docker.io";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_REPO_NAME = "library";
    private static final String DEFAULT_TAG = "latest";

    // Upstream's grammar, with its ambiguous "[-]*" separator written as "-+" and alphanumeric runs
    // possessive: the same language, but no exponential backtracking on hostile names (Go's
    // regexp engine is linear; Java's is not).
    private static final String NAME_COMPONENT = "[a-z0-9]++(?:(?:[._]|__|-++)[a-z0-9]++)*+";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:\\p{XDigit}{32,}";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + NAME_COMPONENT + "(?:/" + NAME_COMPONENT + ")*";

    private static final Pattern REFERENCE = Pattern.compile("(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
    private static final Pattern ANCHORED_NAME = Pattern.compile(
            "(?:(" + DOMAIN + ")/)?(" + NAME_COMPONENT + "(?:/" + NAME_COMPONENT + ")*)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

    /** {@return the repository name, {@code domain/path} (or the path alone without a domain)} */
    public String name() {
        return domain.isEmpty() ? path : domain + "/" + path;
    }

    /** {@return upstream's {@code String()}: the name, {@code :tag} if any, {@code @digest} if any} */
    @Override
    public String toString() {
        return name() + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }

    /** {@return the short form people type: {@code docker.io/library/x} → {@code x}, {@code docker.io/u/x} → {@code u/x}} */
    public String familiarString() {
        String familiarDomain = domain;
        String familiarPath = path;
        if (domain.equals(DEFAULT_DOMAIN)) {
            familiarDomain = "";
            String[] parts = path.split("/", -1);
            if (parts.length == 2 && parts[0].equals(OFFICIAL_REPO_NAME)) {
                familiarPath = parts[1];
            }
        }
        return new DockerReference(familiarDomain, familiarPath, tag, digest).toString();
    }

    /** {@return this reference with the {@code latest} tag when it has neither tag nor digest} */
    public DockerReference tagNameOnly() {
        return tag.isEmpty() && digest.isEmpty() ? new DockerReference(domain, path, DEFAULT_TAG, digest) : this;
    }

    /**
     * Parses a reference as the user may write it and fills in Docker's defaults:
     * {@code alpine} → {@code docker.io/library/alpine}, {@code index.docker.io} → {@code docker.io}.
     *
     * @throws ErrdefsException INVALID_ARGUMENT with upstream's message
     */
    public static DockerReference parseNormalizedNamed(String s) {
        if (IDENTIFIER.matcher(s).matches()) {
            throw invalid("invalid repository name (" + s + "), cannot specify 64-byte hexadecimal strings");
        }
        int slash = s.indexOf('/');
        String domain;
        String remainder;
        if (slash == -1 || !containsAny(s.substring(0, slash), ".:") && !s.substring(0, slash).equals("localhost")) {
            domain = DEFAULT_DOMAIN;
            remainder = s;
        } else {
            domain = s.substring(0, slash);
            remainder = s.substring(slash + 1);
        }
        if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
            remainder = OFFICIAL_REPO_NAME + "/" + remainder;
        }
        int colon = remainder.indexOf(':');
        String remoteName = colon > -1 ? remainder.substring(0, colon) : remainder;
        if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
            throw invalid("invalid reference format: repository name must be lowercase");
        }
        return parse(domain + "/" + remainder);
    }

    /**
     * {@return the reference containerd stores images under: normalized, tagged {@code latest}
     * when it has no tag or digest, and without the tag when it has a digest}
     */
    public static DockerReference parseDockerRef(String s) {
        DockerReference named = parseNormalizedNamed(s);
        if (!named.tag.isEmpty() && !named.digest.isEmpty()) {
            return new DockerReference(named.domain, named.path, "", named.digest);
        }
        return named.tagNameOnly();
    }

    /** Upstream's {@code Parse} for a string that has a name (a bare digest has none here). */
    private static DockerReference parse(String s) {
        Matcher m = REFERENCE.matcher(s);
        if (!m.matches()) {
            if (s.isEmpty()) {
                throw invalid("repository name must have at least one component");
            }
            if (REFERENCE.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
                throw invalid("repository name must be lowercase");
            }
            throw invalid("invalid reference format");
        }
        String name = m.group(1);
        if (name.length() > NAME_TOTAL_LENGTH_MAX) {
            throw invalid("repository name must not be more than " + NAME_TOTAL_LENGTH_MAX + " characters");
        }
        Matcher n = ANCHORED_NAME.matcher(name);
        String domain = "";
        String path = name;
        if (n.matches()) {
            domain = n.group(1) == null ? "" : n.group(1);
            path = n.group(2);
        }
        String digest = m.group(3) == null ? "" : Digest.parse(m.group(3)).toString();
        return new DockerReference(domain, path, m.group(2) == null ? "" : m.group(2), digest);
    }

    private static boolean containsAny(String s, String chars) {
        return s.chars().anyMatch(c -> chars.indexOf(c) >= 0);
    }

    private static ErrdefsException invalid(String message) {
        return new ErrdefsException(ErrorKind.INVALID_ARGUMENT, message);
    }
}
