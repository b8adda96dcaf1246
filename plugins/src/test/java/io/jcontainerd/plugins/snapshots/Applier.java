package io.jcontainerd.plugins.snapshots;

import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.TreeRemover;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** A change to a directory tree, as continuity's {@code fstest.Applier}; paths are relative to the root. */
@FunctionalInterface
public interface Applier {
    void apply(Path root) throws IOException;

    static Applier all(Applier... steps) {
        return root -> {
            for (Applier a : steps) {
                a.apply(root);
            }
        };
    }

    /** Writes (or overwrites) a file and sets its mode, whatever the umask. */
    static Applier createFile(String path, String content, int mode) {
        return root -> {
            Path p = root.resolve(path);
            Files.writeString(p, content, StandardCharsets.UTF_8);
            Files.setAttribute(p, "unix:mode", mode);
        };
    }

    static Applier createDir(String path, int mode) {
        return root -> {
            Path p = root.resolve(path);
            Files.createDirectory(p);
            Files.setAttribute(p, "unix:mode", mode);
        };
    }

    static Applier removeAll(String path) {
        return root -> new TreeRemover(new LinuxSyscalls()).removeAll(RawPath.of(root.resolve(path)));
    }

    static Applier link(String existing, String path) {
        return root -> Files.createLink(root.resolve(path), root.resolve(existing));
    }

    static Applier symlink(String target, String path) {
        return root -> Files.createSymbolicLink(root.resolve(path), Path.of(target));
    }

    static Applier chown(String path, int uid, int gid) {
        return root -> {
            Path p = root.resolve(path);
            Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        };
    }

    static Applier rename(String from, String to) {
        return root -> Files.move(root.resolve(from), root.resolve(to));
    }
}
