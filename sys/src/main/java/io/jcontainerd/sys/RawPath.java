package io.jcontainerd.sys;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A file system path as the kernel sees it: bytes, not characters. {@link java.nio.file.Path}
 * cannot carry every name a layer holds: it decodes names with the JVM's locale (a daemon started
 * without {@code LANG} cannot represent {@code é}), rejects bytes that are not valid in it, and
 * normalises {@code a//b/} to {@code a/b} (which would change symlink targets). Immutable; never
 * empty; never contains NUL.
 */
public final class RawPath {
    private static final byte SLASH = '/';

    /** The bytes followed by a NUL, ready to hand to the kernel. */
    private final byte[] cString;

    private RawPath(byte[] cString) {
        this.cString = cString;
    }

    /** {@return the path of {@code bytes}} @throws IllegalArgumentException if empty or holding NUL */
    public static RawPath of(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty path");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException("path holds a NUL byte");
            }
        }
        return new RawPath(Arrays.copyOf(bytes, bytes.length + 1));
    }

    /** {@return the path of {@code path}, UTF-8 encoded} */
    public static RawPath of(String path) {
        return of(path.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@return the absolute form of a path the JVM made, byte for byte}: a name listed from disk
     * keeps bytes that the JVM's encoding cannot decode. They are taken from the URI form, which
     * percent-escapes the raw bytes, because {@link Path#toString()} replaces them.
     */
    public static RawPath of(Path path) {
        String raw = path.toAbsolutePath().toUri().getRawPath();
        int end = raw.length() > 1 && raw.endsWith("/") ? raw.length() - 1 : raw.length(); // toUri marks directories
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end);
        for (int i = 0; i < end; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c); // the URI escapes everything outside ASCII
            }
        }
        return of(bytes.toByteArray());
    }

    /**
     * {@return this path with one more component} @throws IllegalArgumentException if {@code name}
     * is not a single component (empty, {@code .}, {@code ..}, or holding {@code /} or NUL)
     */
    public RawPath resolve(byte[] name) {
        checkComponent(name);
        int length = length();
        boolean slashEnded = cString[length - 1] == SLASH;
        byte[] joined = new byte[length + (slashEnded ? 0 : 1) + name.length + 1];
        System.arraycopy(cString, 0, joined, 0, length);
        int at = length;
        if (!slashEnded) {
            joined[at++] = SLASH;
        }
        System.arraycopy(name, 0, joined, at, name.length);
        return new RawPath(joined);
    }

    /** {@return this path with one more component, UTF-8 encoded} */
    public RawPath resolve(String name) {
        return resolve(name.getBytes(StandardCharsets.UTF_8));
    }

    /** {@return whether {@code name} is one path component: non-empty, not a dot entry, no slash or NUL} */
    public static boolean isComponent(byte[] name) {
        if (name.length == 0 || name.length <= 2 && isDots(name)) {
            return false;
        }
        for (byte b : name) {
            if (b == SLASH || b == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDots(byte[] name) {
        return name[0] == '.' && (name.length == 1 || name[1] == '.');
    }

    private static void checkComponent(byte[] name) {
        if (!isComponent(name)) {
            throw new IllegalArgumentException("not a single path component: "
                    + new String(name, StandardCharsets.UTF_8));
        }
    }

    /** {@return the path's bytes (a copy), without the terminating NUL} */
    public byte[] bytes() {
        return Arrays.copyOf(cString, length());
    }

    /** {@return the number of bytes in the path} */
    public int length() {
        return cString.length - 1;
    }

    /** The NUL-terminated bytes as a heap segment, for critical downcalls. */
    MemorySegment segment() {
        return MemorySegment.ofArray(cString);
    }

    /** {@return the path as a Java path, for paths known to be representable (tests, own dirs)} */
    public Path toPath() {
        return Path.of(toString());
    }

    /** The path decoded as UTF-8 (invalid bytes become U+FFFD): for messages, not for lookups. */
    @Override
    public String toString() {
        return new String(cString, 0, length(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPath other && Arrays.equals(cString, other.cString);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cString);
    }
}
