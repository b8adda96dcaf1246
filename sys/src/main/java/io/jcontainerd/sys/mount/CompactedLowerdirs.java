package io.jcontainerd.sys.mount;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An overlay mount whose options no longer fit the one page the kernel copies mount data into
 * (images of more than about 40 layers): as containerd's {@code compactLowerdirOption}, the lower
 * directories become relative to their common parent, which the mount then runs in.
 *
 * @param directory the common parent, ending in '/', to mount from
 * @param options   the options with {@code lowerdir=} relative to it, moved to the end
 */
record CompactedLowerdirs(String directory, List<String> options) {
    private static final String LOWERDIR = "lowerdir=";
    /** Upstream compacts at one page minus a margin for the other options' growth. */
    private static final int LIMIT = 4096 - 512;

    /** {@return the compacted form of an overlay's options, or empty when they fit or cannot be compacted} */
    static Optional<CompactedLowerdirs> of(String type, List<String> options) {
        if (!"overlay".equals(type) || size(options) < LIMIT) {
            return Optional.empty();
        }
        int index = -1;
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).startsWith(LOWERDIR)) {
                index = i;
            }
        }
        if (index < 0) {
            return Optional.empty();
        }
        String[] dirs = options.get(index).substring(LOWERDIR.length()).split(":");
        if (dirs.length == 1) {
            return Optional.empty();
        }
        // the parent of the common prefix: snapshot ids are digits, so "snapshots/1" must not be the prefix of ".../12"
        String prefix = commonPrefix(dirs);
        int slash = prefix.lastIndexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String directory = prefix.substring(0, slash + 1);
        List<String> relative = new ArrayList<>(dirs.length);
        for (String dir : dirs) {
            relative.add(dir.substring(directory.length()));
        }
        List<String> compacted = new ArrayList<>(options);
        compacted.remove(index);
        compacted.add(LOWERDIR + String.join(":", relative));
        return Optional.of(new CompactedLowerdirs(directory, List.copyOf(compacted)));
    }

    private static int size(List<String> options) {
        int size = 0;
        for (String option : options) {
            size += option.length() + 1;
        }
        return size;
    }

    private static String commonPrefix(String[] dirs) {
        String prefix = dirs[0];
        for (String dir : dirs) {
            int n = 0;
            while (n < prefix.length() && n < dir.length() && prefix.charAt(n) == dir.charAt(n)) {
                n++;
            }
            prefix = prefix.substring(0, n);
        }
        return prefix;
    }
}
