package io.jcontainerd.image.archive;

import io.jcontainerd.core.content.Digest;
import java.util.function.Function;

/** How imports turn an archive's OCI ref names into image names (upstream's {@code archive} reference helpers). */
public final class RefTranslators {
    private RefTranslators() {
    }

    /** {@return a translator prefixing tag-only refs with {@code image:}, keeping full references} */
    public static Function<String, String> addPrefix(String image) {
        return ref -> translate(ref, image, false);
    }

    /** {@return like {@link #addPrefix}, but full references outside {@code image} name nothing} */
    public static Function<String, String> filterPrefix(String image) {
        return ref -> translate(ref, image, true);
    }

    /** {@return a digest naming {@code prefix@<digest>}} */
    public static Function<Digest, String> digestRef(String prefix) {
        return digest -> prefix + "@" + digest;
    }

    private static String translate(String ref, String image, boolean checkPrefix) {
        if (ref.chars().anyMatch(c -> c == '/' || c == ':' || c == '@')) {
            return checkPrefix && !isImagePrefix(ref, image) ? "" : ref;
        }
        return image + ":" + ref;
    }

    /** A prefix matches at a name boundary only: {@code a/b} is in {@code a}, {@code ab} is not. */
    private static boolean isImagePrefix(String s, String prefix) {
        if (!s.startsWith(prefix)) {
            return false;
        }
        if (s.length() > prefix.length()) {
            char next = s.charAt(prefix.length());
            return next == '/' || next == ':' || next == '@';
        }
        return true;
    }
}
