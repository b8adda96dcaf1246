package io.jcontainerd.plugins.diff;

import io.jcontainerd.sys.FileStat;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A directory tree described node by node, byte-exact through {@link Syscalls}: type, mode,
 * owner, link target or device numbers, size and content digest, xattrs and mtime. Two equal
 * descriptions mean equal trees.
 */
final class Trees {
    private Trees() {
    }

    /** {@code relative path -> description}, the root itself as {@code "."}. */
    static Map<String, String> describe(Syscalls sys, Path root) throws SyscallException {
        Map<String, String> out = new TreeMap<>();
        walk(sys, RawPath.of(root), ".", out);
        return out;
    }

    private static void walk(Syscalls sys, RawPath path, String name, Map<String, String> out) throws SyscallException {
        FileStat st = sys.lstat(path);
        out.put(name, node(sys, path, st));
        if (st.isDirectory()) {
            for (byte[] child : sys.readdir(path)) {
                String childName = (name.equals(".") ? "" : name + "/") + new String(child, StandardCharsets.UTF_8);
                walk(sys, path.resolve(child), childName, out);
            }
        }
    }

    /** One node: e.g. {@code file 0644 0:0 size=5 sha=2cf24dba xattrs[user.a=6869] mtime=...}. */
    static String node(Syscalls sys, RawPath path, FileStat st) throws SyscallException {
        StringBuilder b = new StringBuilder();
        b.append(switch (st.type()) {
            case REGULAR -> "file";
            case DIRECTORY -> "dir";
            case SYMLINK -> "symlink";
            case CHAR_DEVICE -> "char";
            case BLOCK_DEVICE -> "block";
            case FIFO -> "fifo";
            case SOCKET -> "socket";
        });
        b.append(String.format(" %04o %d:%d", st.permissions(), st.uid(), st.gid()));
        switch (st.type()) {
            case REGULAR -> b.append(" size=").append(st.size()).append(" sha=").append(sha(sys, path))
                    .append(" nlink=").append(st.nlink());
            case SYMLINK -> b.append(" -> ").append(new String(sys.readlink(path), StandardCharsets.UTF_8));
            case CHAR_DEVICE, BLOCK_DEVICE -> b.append(" dev=").append(Linux.major(st.rdev())).append(':')
                    .append(Linux.minor(st.rdev()));
            default -> {
            }
        }
        List<String> names = sys.llistxattr(path).stream().sorted().toList();
        if (!names.isEmpty()) {
            b.append(" xattrs[");
            for (String n : names) {
                b.append(n).append('=').append(HexFormat.of().formatHex(sys.lgetxattr(path, n).orElseThrow())).append(';');
            }
            b.append(']');
        }
        b.append(" mtime=").append(st.mtime());
        return b.toString();
    }

    private static String sha(Syscalls sys, RawPath path) throws SyscallException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int fd = sys.open(path, Linux.O_RDONLY | Linux.O_NOFOLLOW | Linux.O_CLOEXEC, 0);
        try {
            byte[] buf = new byte[8192];
            for (int n = sys.read(fd, buf, 0, buf.length); n > 0; n = sys.read(fd, buf, 0, buf.length)) {
                digest.update(buf, 0, n);
            }
        } finally {
            sys.close(fd);
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }

    static String sha(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
