package io.jcontainerd.core.paths;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's {@code path} package for slash-separated names (references, archive entries, platform
 * specifiers, URL paths): purely lexical, never touching a file system.
 */
public final class GoPaths {
    private GoPaths() {
    }

    /**
     * {@return {@code path} as Go's {@code path.Clean} returns it: repeated slashes as one,
     * {@code .} elements dropped, {@code ..} eating the element before it (and dropped at the
     * root), no trailing slash; "." for an empty result}
     */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        int leadingDotDots = 0;
        for (String element : path.split("/", -1)) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                } else if (!rooted) {
                    leadingDotDots++;
                }
                continue;
            }
            parts.addLast(element);
        }
        StringBuilder b = new StringBuilder(rooted ? "/" : "");
        for (int i = 0; i < leadingDotDots; i++) {
            b.append(b.isEmpty() || b.charAt(b.length() - 1) == '/' ? "" : "/").append("..");
        }
        for (String part : parts) {
            b.append(b.isEmpty() || b.charAt(b.length() - 1) == '/' ? "" : "/").append(part);
        }
        return b.isEmpty() ? "." : b.toString();
    }

    /** {@return Go's {@code path.Dir}: everything before the last slash, cleaned} */
    public static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return clean(slash < 0 ? "" : path.substring(0, slash + 1));
    }

    /** {@return Go's {@code path.Join}: the non-empty elements joined with a slash, cleaned; "" when all are empty} */
    public static String join(String... elements) {
        StringBuilder joined = new StringBuilder();
        for (String e : elements) {
            if (!e.isEmpty()) {
                if (!joined.isEmpty()) {
                    joined.append('/');
                }
                joined.append(e);
            }
        }
        return joined.isEmpty() ? "" : clean(joined.toString());
    }
}
