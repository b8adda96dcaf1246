package io.jcontainerd.registry.hosts;

import java.net.InetAddress;
import java.util.regex.Pattern;

/** Upstream's {@code docker.IsLocalhost}: "localhost" or a loopback IP literal, with or without a port; never a DNS lookup. */
final class Localhost {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Localhost() {
    }

    static boolean is(String host) {
        String h = stripPort(host);
        if (h.equals("localhost")) {
            return true;
        }
        if (!IPV4.matcher(h).matches() && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.ofLiteral(h).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Go's {@code net.SplitHostPort} when it succeeds, else the input unchanged. */
    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 && host.startsWith(":", close + 1) ? host.substring(1, close) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
    }
}
