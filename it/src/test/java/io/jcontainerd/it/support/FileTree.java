package io.jcontainerd.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A filesystem tree as a comparable map from relative path to everything a layer can set:
 * type, mode (set-id and sticky bits included), owner, size, mtime, link target, device number,
 * content digest, user xattrs, and which earlier path a hard link shares its inode with.
 */
public final class FileTree {
    private FileTree() {
    }

    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        Map<Object, String> firstPathOfInode = new HashMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = new ArrayList<>(walk.sorted().toList());
        }
        for (Path path : paths) {
            String rel = root.relativize(path).toString();
            Map<String, Object> unix = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            StringBuilder d = new StringBuilder();
            d.append(String.format("mode=%o uid=%s gid=%s", mode, unix.get("uid"), unix.get("gid")));
            int type = mode & 0170000;
            if (type != 0040000) {
                d.append(" size=").append(unix.get("size"));
            }
            if (!rel.isEmpty()) {
                d.append(" mtime=").append(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis() / 1000);
            }
            switch (type) {
                case 0120000 -> d.append(" -> ").append(Files.readSymbolicLink(path));
                case 0020000, 0060000 -> d.append(" rdev=").append(unix.get("rdev"));
                case 0100000 -> {
                    d.append(" sha256=").append(sha256(path));
                    if ((Integer) unix.get("nlink") > 1) {
                        String first = firstPathOfInode.putIfAbsent(unix.get("ino"), rel);
                        if (first != null) {
                            d.append(" hardlink=").append(first);
                        }
                    }
                }
                default -> { }
            }
            if (type == 0100000 || type == 0040000) {
                d.append(xattrs(path));
            }
            tree.put(rel.isEmpty() ? "." : rel, d.toString());
        }
        return tree;
    }

    private static String xattrs(Path path) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        Map<String, String> values = new TreeMap<>();
        for (String name : view.list()) {
            ByteBuffer value = ByteBuffer.allocate(view.size(name));
            view.read(name, value);
            values.put(name, new String(value.array(), StandardCharsets.UTF_8));
        }
        return values.isEmpty() ? "" : " xattrs=" + values;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), java.security.MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return java.util.HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
