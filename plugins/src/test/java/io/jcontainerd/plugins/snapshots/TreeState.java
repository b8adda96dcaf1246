package io.jcontainerd.plugins.snapshots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a tree looks like to a user, entry by entry (the root itself left out, as continuity's
 * {@code CheckDirectoryEqual}): type, permission bits, owner, and a file's content or a link's
 * target. Equal states mean a mounted snapshot shows the same files as a directory changed in place.
 */
public final class TreeState {
    private TreeState() {
    }

    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (!p.equals(root)) {
                    state.put(root.relativize(p).toString(), describe(p));
                }
            }
        }
        return state;
    }

    static String describe(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        String owner = a.get("uid") + ":" + a.get("gid");
        String perms = Integer.toOctalString(mode & 07777);
        if (Files.isSymbolicLink(p)) {
            return "symlink " + owner + " -> " + Files.readSymbolicLink(p);
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "dir " + perms + " " + owner;
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return "file " + perms + " " + owner + " " + Files.readString(p, StandardCharsets.UTF_8);
        }
        return "other " + Integer.toOctalString(mode) + " " + owner;
    }
}
