package io.jcontainerd.plugins.diff;

/** The tar entry types a layer may hold; any other type flag makes the layer invalid. */
enum EntryType {
    REGULAR,
    HARDLINK,
    SYMLINK,
    CHAR_DEVICE,
    BLOCK_DEVICE,
    DIRECTORY,
    FIFO;

    /** {@return whether the entry's size field says nothing about data (Go's isHeaderOnlyType)} */
    boolean headerOnly() {
        return this != REGULAR;
    }
}
