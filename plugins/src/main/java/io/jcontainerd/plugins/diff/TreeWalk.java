package io.jcontainerd.plugins.diff;

import io.jcontainerd.sys.FileStat;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The nodes below a directory, depth first, each directory's names in byte order: the order in
 * which Go's {@code filepath.Walk} visits them, so two walks can be merged by comparing paths with
 * {@link #compare}. Symlinks are listed, never followed.
 */
final class TreeWalk {
    /** A node: its path relative to the walk's root ({@code /a/b}), where it is, what it is. */
    record Node(byte[] relative, RawPath path, FileStat stat) {
    }

    private record Directory(byte[] relative, RawPath path, List<byte[]> names, int[] next) {
    }

    private final Syscalls sys;
    private final Deque<Directory> stack = new ArrayDeque<>();

    TreeWalk(Syscalls sys, RawPath root) throws SyscallException {
        this.sys = sys;
        enter(new byte[0], root);
    }

    /** {@return the next node, or null when the walk is done} */
    Node next() throws SyscallException {
        while (!stack.isEmpty()) {
            Directory dir = stack.peek();
            if (dir.next()[0] == dir.names().size()) {
                stack.pop();
                continue;
            }
            byte[] name = dir.names().get(dir.next()[0]++);
            byte[] relative = Arrays.copyOf(dir.relative(), dir.relative().length + 1 + name.length);
            relative[dir.relative().length] = '/';
            System.arraycopy(name, 0, relative, dir.relative().length + 1, name.length);
            RawPath path = dir.path().resolve(name);
            FileStat stat = sys.lstat(path);
            if (stat.isDirectory()) {
                enter(relative, path);
            }
            return new Node(relative, path, stat);
        }
        return null;
    }

    private void enter(byte[] relative, RawPath path) throws SyscallException {
        List<byte[]> names = sys.readdir(path);
        names.sort(Arrays::compareUnsigned);
        stack.push(new Directory(relative, path, names, new int[1]));
    }

    /**
     * Upstream's {@code directoryCompare}: byte order with {@code /} lowest, so that a directory's
     * children come right after it ({@code /a}, {@code /a/b}, {@code /a-b}).
     */
    static int compare(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int x = a[i] == '/' ? 0 : (a[i] & 0xff) + 1;
            int y = b[i] == '/' ? 0 : (b[i] & 0xff) + 1;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
