package io.jcontainerd.sys;

import java.util.Optional;

/** The file types of {@code st_mode & S_IFMT}. */
public enum FileType {
    REGULAR(Linux.S_IFREG),
    DIRECTORY(Linux.S_IFDIR),
    SYMLINK(Linux.S_IFLNK),
    CHAR_DEVICE(Linux.S_IFCHR),
    BLOCK_DEVICE(Linux.S_IFBLK),
    FIFO(Linux.S_IFIFO),
    SOCKET(Linux.S_IFSOCK);

    private final int modeBits;

    FileType(int modeBits) {
        this.modeBits = modeBits;
    }

    /** {@return the {@code S_IF*} bits of this type} */
    public int modeBits() {
        return modeBits;
    }

    /** {@return the type of a {@code st_mode}} @throws IllegalArgumentException for an unknown type */
    public static FileType of(int mode) {
        int bits = mode & Linux.S_IFMT;
        for (FileType t : values()) {
            if (t.modeBits == bits) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown file type in mode 0" + Integer.toOctalString(mode));
    }

    /**
     * {@return the type a directory entry's {@code d_type} names}, empty for {@code DT_UNKNOWN} (the
     * file system does not say) and for types that are not files ({@code DT_WHT}). Linux numbers
     * {@code DT_*} as the {@code S_IF*} bits shifted down by 12.
     */
    static Optional<FileType> ofDirentType(int dType) {
        for (FileType t : values()) {
            if (t.modeBits == dType << 12) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
