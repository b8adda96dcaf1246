package io.jcontainerd.image.reference;

import io.jcontainerd.core.paths.GoPaths;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * containerd's own reference split ({@code reference.Parse}): a locator ({@code host/path}) and
 * an object (the tag, {@code tag@digest} or {@code @digest}). Upstream parses the string as the
 * URL {@code dummy://<ref>} with Go's {@code net/url}, so whatever that parser refuses (no host,
 * a port that is not a number, characters a host may not hold) is no reference here either.
 */
public record ObjectReference(String locator, String object) {
    /** Characters besides letters and digits Go's URL parser accepts in a host. */
    private static final String HOST_CHARS = "!$&'()*+,;=:[]<>\"-_.~";
    /** Characters besides letters and digits it accepts in user information. */
    private static final String USERINFO_CHARS = "-._:~!$&'()*+,;=%@";

    /** {@return the reference's parts, empty when upstream's parser rejects it} */
    public static Optional<ObjectReference> parse(String s) {
        if (s.contains("://") || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        String rest = s;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            if (unescape(rest.substring(hash + 1)).isEmpty()) {
                return Optional.empty();
            }
            rest = rest.substring(0, hash);
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String rawPath = slash < 0 ? "" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        if (at >= 0 && !authority.substring(0, at).chars().allMatch(c -> isAlnum(c) || USERINFO_CHARS.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        String host = authority.substring(at + 1);
        Optional<String> path = unescape(rawPath);
        if (!validHost(host) || path.isEmpty()) {
            return Optional.empty();
        }
        if (host.isEmpty()) {
            return Optional.empty(); // hostname required
        }
        String p = path.get();
        String object = "";
        int split = indexOfAny(p, ":@");
        if (split >= 0) {
            object = p.charAt(split) == ':' ? p.substring(split + 1) : p.substring(split);
            p = p.substring(0, split);
        }
        return Optional.of(new ObjectReference(joinClean(unescape(host).orElse(host), p), object));
    }

    /**
     * {@return the name an OCI index records for {@code name} ({@code org.opencontainers.image.ref.name}):
     * its object, e.g. the tag; the whole name when it is not such a reference}
     */
    public static String ociReferenceName(String name) {
        return parse(name).map(ObjectReference::object).orElse(name);
    }

    /** Go's host checks: a port after the last colon must be digits; some ASCII is not allowed. */
    private static boolean validHost(String host) {
        String hostPart = host;
        String port;
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                return false;
            }
            port = host.substring(close + 1);
            hostPart = host.substring(0, close + 1);
            if (!port.isEmpty() && !port.startsWith(":")) {
                return false;
            }
        } else {
            int colon = host.lastIndexOf(':');
            port = colon < 0 ? "" : host.substring(colon);
        }
        if (!port.isEmpty() && !port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        for (int i = 0; i < hostPart.length(); i++) {
            char c = hostPart.charAt(i);
            if (c == '%') {
                // an escape below %80 other than "%25" (an escaped '%') is refused in a host
                if (i + 2 >= hostPart.length() || Character.digit(hostPart.charAt(i + 1), 16) < 0
                        || Character.digit(hostPart.charAt(i + 2), 16) < 0
                        || Character.digit(hostPart.charAt(i + 1), 16) < 8 && !hostPart.startsWith("%25", i)) {
                    return false;
                }
            } else if (c < 0x80 && !isAlnum(c) && HOST_CHARS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decoding as Go's {@code unescape}: empty when an escape is not two hex digits. */
    private static Optional<String> unescape(String s) {
        if (s.indexOf('%') < 0) {
            return Optional.of(s);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                if (i + 2 >= bytes.length || Character.digit(bytes[i + 1], 16) < 0 || Character.digit(bytes[i + 2], 16) < 0) {
                    return Optional.empty();
                }
                out.write(Character.digit(bytes[i + 1], 16) << 4 | Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }

    /** Go's {@code path.Join(host, path)}: joined with '/', then cleaned. */
    private static String joinClean(String host, String path) {
        return GoPaths.clean(path.isEmpty() ? host : host + "/" + path);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAlnum(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
