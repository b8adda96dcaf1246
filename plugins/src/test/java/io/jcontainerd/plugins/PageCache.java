package io.jcontainerd.plugins;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What the page cache holds of a file, read through mincore(2) on a mapping that touches no page. */
public final class PageCache {
    private PageCache() {
    }

    /** {@return whether every page of {@code file} is in the page cache} */
    public static boolean holdsAllOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena).isLoaded();
        }
    }
}
