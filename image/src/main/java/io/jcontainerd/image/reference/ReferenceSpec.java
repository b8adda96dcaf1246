package io.jcontainerd.image.reference;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.paths.GoPaths;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * containerd's {@code reference.Spec}: the form the resolver takes, {@code host[/path][:tag][@digest]}
 * with no normalisation ({@code nginx:alpine} is not one: its "host" has an invalid port). The
 * locator is host and path, the object what follows: a tag, {@code tag@digest} or {@code @digest}.
 * The string is read as Go's {@code url.Parse("dummy://" + s)} reads it, so the same inputs fail
 * (userinfo, query and fragment are dropped as there).
 *
 * @param locator host and path, e.g. {@code docker.io/library/nginx}
 * @param object  "" when there is none; a digest part keeps its leading "@"
 */
public record ReferenceSpec(String locator, String object) {
    public static final String INVALID = "invalid reference";
    public static final String OBJECT_REQUIRED = "object required";
    public static final String HOSTNAME_REQUIRED = "hostname required";

    public ReferenceSpec {
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(object, "object");
    }

    /**
     * @throws ErrdefsException INVALID_ARGUMENT "invalid reference" (a scheme was given), "hostname
     *     required", or Go's url error such as {@code parse "dummy://nginx:alpine": invalid port ":alpine" after host}
     */
    public static ReferenceSpec parse(String s) {
        if (s.contains("://")) {
            throw invalid(INVALID);
        }
        GoUrl url = GoUrl.parse("dummy://" + s);
        if (url.host.isEmpty()) {
            throw invalid(HOSTNAME_REQUIRED);
        }
        String path = url.path;
        String object = "";
        int split = indexOfAny(path, ":@");
        if (split >= 0) {
            object = path.charAt(split) == ':' ? path.substring(split + 1) : path.substring(split);
            path = path.substring(0, split);
        }
        return new ReferenceSpec(GoPaths.join(url.host, path), object);
    }

    /** {@return the host part of the locator, e.g. {@code localhost:5000}} */
    public String hostname() {
        int slash = locator.indexOf('/');
        return slash < 0 ? locator : locator.substring(0, slash);
    }

    /** {@return the locator without its host: the repository, e.g. {@code library/nginx}} */
    public String repository() {
        String host = hostname();
        return locator.startsWith(host + "/") ? locator.substring(host.length() + 1) : locator;
    }

    /** {@return the object's part before "@", the tag ("" when there is none)} */
    public String tag() {
        int at = object.indexOf('@');
        return at < 0 ? object : object.substring(0, at);
    }

    /** {@return the object's part after "@", unvalidated: it may be partial or invalid ("" when there is none)} */
    public String digest() {
        int at = object.indexOf('@');
        return at < 0 ? "" : object.substring(at + 1);
    }

    /** {@return the repository scope a token must grant: {@code repository:<repo>:pull[,push]}} */
    public String repositoryScope(boolean push) {
        return "repository:" + repository() + ":pull" + (push ? ",push" : "");
    }

    @Override
    public String toString() {
        if (object.isEmpty()) {
            return locator;
        }
        return object.startsWith("@") ? locator + object : locator + ":" + object;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static ErrdefsException invalid(String message) {
        return new ErrdefsException(ErrorKind.INVALID_ARGUMENT, message);
    }

    /** The parts of Go's {@code url.Parse} a reference needs: the host and the unescaped path, with its errors. */
    private record GoUrl(String host, String path) {
        static GoUrl parse(String raw) {
            int hash = raw.indexOf('#');
            String u = hash < 0 ? raw : raw.substring(0, hash);
            for (int i = 0; i < u.length(); i++) {
                char c = u.charAt(i);
                if (c < ' ' || c == 0x7f) {
                    throw error(u, "net/url: invalid control character in URL");
                }
            }
            String rest = u.substring("dummy:".length());
            int query = rest.indexOf('?');
            if (query >= 0) {
                rest = rest.substring(0, query);
            }
            rest = rest.substring(2);
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "" : rest.substring(slash);
            int at = authority.lastIndexOf('@');
            String host = parseHost(u, at < 0 ? authority : authority.substring(at + 1));
            if (hash >= 0) {
                unescape(raw, raw.substring(hash + 1), false);
            }
            return new GoUrl(host, unescape(u, path, false));
        }

        private static String parseHost(String u, String host) {
            String colonPort;
            if (host.startsWith("[")) {
                int close = host.lastIndexOf(']');
                if (close < 0) {
                    throw error(u, "missing ']' in host");
                }
                colonPort = host.substring(close + 1);
            } else {
                int colon = host.lastIndexOf(':');
                colonPort = colon < 0 ? "" : host.substring(colon);
            }
            if (!validOptionalPort(colonPort)) {
                throw error(u, "invalid port " + Errdefs.quote(colonPort) + " after host");
            }
            return unescape(u, host, true);
        }

        private static boolean validOptionalPort(String port) {
            if (port.isEmpty()) {
                return true;
            }
            if (port.charAt(0) != ':') {
                return false;
            }
            for (int i = 1; i < port.length(); i++) {
                if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        /** Go's {@code unescape} in host or path mode: %XX decoded, and in a host only Go's allowed characters. */
        private static String unescape(String u, String s, boolean host) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                if (b == '%') {
                    if (i + 2 >= bytes.length || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0) {
                        String bad = s.substring(Math.min(i, s.length()), Math.min(i + 3, s.length()));
                        throw error(u, "invalid URL escape " + Errdefs.quote(bad));
                    }
                    if (host && hex(bytes[i + 1]) < 8 && !(bytes[i + 1] == '2' && bytes[i + 2] == '5')) {
                        throw error(u, "invalid URL escape " + Errdefs.quote(new String(bytes, i, 3, StandardCharsets.UTF_8)));
                    }
                    out.write(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
                    i += 2;
                    continue;
                }
                if (host && b < 0x80 && !allowedInHost(b)) {
                    throw error(u, "invalid character " + Errdefs.quote(String.valueOf((char) b)) + " in host name");
                }
                out.write(b);
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        private static boolean allowedInHost(int c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~!$&'()*+,;=:[]<>\"".indexOf(c) >= 0;
        }

        private static int hex(byte b) {
            return Character.digit(b, 16);
        }

        private static ErrdefsException error(String u, String why) {
            return invalid("parse " + Errdefs.quote(u) + ": " + why);
        }
    }
}
