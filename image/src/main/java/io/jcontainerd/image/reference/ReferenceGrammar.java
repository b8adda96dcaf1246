package io.jcontainerd.image.reference;

import java.util.regex.Pattern;

/**
 * docker/distribution's reference grammar, as containerd 1.6 vendors it in {@code reference/docker}.
 * Go's RE2 runs in linear time; Java's backtracking engine would take exponential time on the
 * original patterns (a name component is {@code [a-z0-9]+} repeated with a separator that may be
 * empty), so the patterns here match the same language with possessive quantifiers and a dash
 * separator that is never empty. Possessive is safe because the characters that may follow each
 * part ({@code / : @ .} or the end) can never be inside it.
 */
final class ReferenceGrammar {
    /** Lowercase alphanumeric runs joined by ".", "_", "__" or dashes. */
    private static final String NAME_COMPONENT = "[a-z0-9]++(?:(?:[._]|__|-++)[a-z0-9]++)*+";

    /** A DNS label: alphanumerics and dashes, not starting or ending with a dash. */
    private static final String DOMAIN_COMPONENT = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*+(?<!-))?";

    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*+(?::[0-9]++)?";

    private static final String TAG = "[\\w][\\w.-]{0,127}+";

    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*+(?:[-_+.][A-Za-z][A-Za-z0-9]*+)*+:\\p{XDigit}{32,}+";

    private static final String PATH = NAME_COMPONENT + "(?:/" + NAME_COMPONENT + ")*+";

    /** Groups: 1 name, 2 tag, 3 digest. */
    static final Pattern REFERENCE = Pattern.compile("((?:" + DOMAIN + "/)?" + PATH + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");

    /** Groups: 1 domain (null when none), 2 path. */
    static final Pattern NAME = Pattern.compile("(?:(" + DOMAIN + ")/)?(" + PATH + ")");

    static final Pattern TAG_ONLY = Pattern.compile(TAG);

    /** A 64-character hex image ID, which may not stand for a repository name. */
    static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

    /** A repository name is at most this long, domain included. */
    static final int NAME_TOTAL_LENGTH_MAX = 255;

    private ReferenceGrammar() {
    }
}
