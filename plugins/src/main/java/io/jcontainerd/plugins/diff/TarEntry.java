package io.jcontainerd.plugins.diff;

import java.time.Instant;
import java.util.Map;

/**
 * One tar header after its extensions (PAX, GNU long names) are merged, as Go's
 * {@code archive/tar} presents it. Names are raw bytes; xattr values too (PAX records are not
 * text: {@code security.capability} is binary). Sizes and IDs are as the archive states them and
 * are checked where they are used.
 *
 * @param atime the access time, or null when the archive has none
 */
record TarEntry(byte[] name, byte[] linkName, EntryType type, long mode, long uid, long gid, long size,
                Instant mtime, Instant atime, long devMajor, long devMinor, Map<String, byte[]> xattrs) {
}
