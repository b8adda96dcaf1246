package io.jcontainerd.plugins.diff;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.sys.RawPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A name from a layer (entry name or hardlink target) cleaned into components below the root,
 * lexically like Go's {@code filepath.Clean}: empty and {@code .} components dropped, {@code ..}
 * taking back the component before it, a leading {@code /} meaning the root.
 *
 * <p>One deliberate difference from containerd, which clamps such names at the root: a name whose
 * {@code ..} would climb above the root ({@code ../../etc/passwd}, {@code a/../../b}) is refused.
 * No layer writer produces one; a layer that has one is hostile or broken, and failing says so
 * instead of silently writing somewhere the layer did not name.
 *
 * @param components the cleaned components; empty for the root itself
 */
record LayerPath(List<byte[]> components) {
    private static final int MAX_DISPLAY_BYTES = 256;

    /** {@return the cleaned path of a name} @throws io.jcontainerd.core.errdefs.ErrdefsException if it escapes the root */
    static LayerPath clean(byte[] name, String what) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= name.length; i++) {
            if (i < name.length && name[i] != '/') {
                continue;
            }
            byte[] c = Arrays.copyOfRange(name, start, i);
            start = i + 1;
            if (c.length == 0 || isDot(c)) {
                continue;
            }
            if (isDotDot(c)) {
                if (out.isEmpty()) {
                    throw Errdefs.invalidArgument(what + " " + Errdefs.quote(display(name)) + " escapes the root");
                }
                out.removeLast();
                continue;
            }
            if (!RawPath.isComponent(c)) {
                throw Errdefs.invalidArgument(what + " " + Errdefs.quote(display(name)) + " holds a NUL byte");
            }
            out.add(c);
        }
        return new LayerPath(List.copyOf(out));
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    /** {@return the last component} */
    byte[] base() {
        return components.getLast();
    }

    /** {@return the components of the parent directory} */
    List<byte[]> parent() {
        return components.subList(0, components.size() - 1);
    }

    static boolean isDot(byte[] c) {
        return c.length == 1 && c[0] == '.';
    }

    static boolean isDotDot(byte[] c) {
        return c.length == 2 && c[0] == '.' && c[1] == '.';
    }

    /** A name for messages: invalid UTF-8 shows as U+FFFD, and a name of up to 1 MiB is cut short. */
    static String display(byte[] name) {
        if (name.length <= MAX_DISPLAY_BYTES) {
            return new String(name, StandardCharsets.UTF_8);
        }
        return new String(name, 0, MAX_DISPLAY_BYTES, StandardCharsets.UTF_8) + "...(" + name.length + " bytes)";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (byte[] c : components) {
            b.append('/').append(display(c));
        }
        return b.isEmpty() ? "/" : b.toString();
    }
}
