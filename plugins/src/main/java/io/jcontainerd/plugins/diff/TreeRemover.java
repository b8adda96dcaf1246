package io.jcontainerd.plugins.diff;

import io.jcontainerd.sys.FileStat;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Removes files and trees without following symbolic links (a link is removed, never what it
 * points to) and without recursion, so that a tree thousands of directories deep cannot overflow
 * the stack.
 */
final class TreeRemover {
    private final Syscalls sys;

    TreeRemover(Syscalls sys) {
        this.sys = sys;
    }

    /** Removes {@code path} and everything below it; nothing happens when it does not exist. */
    void removeAll(RawPath path) throws SyscallException {
        Optional<FileStat> st = sys.lstatIfExists(path);
        if (st.isEmpty()) {
            return;
        }
        if (!st.get().isDirectory()) {
            sys.unlink(path);
            return;
        }
        removeTree(path);
    }

    /**
     * Removes everything below {@code dir} except the paths {@code keep} accepts; below a kept
     * directory it goes on removing what is not kept (an opaque directory hides all lower content,
     * at any depth).
     */
    void removeChildren(RawPath dir, Predicate<RawPath> keep) throws SyscallException {
        Deque<RawPath> keptDirs = new ArrayDeque<>();
        keptDirs.push(dir);
        while (!keptDirs.isEmpty()) {
            RawPath current = keptDirs.pop();
            for (byte[] name : sys.readdir(current)) {
                RawPath child = current.resolve(name);
                boolean isDirectory = sys.lstat(child).isDirectory();
                if (keep.test(child)) {
                    if (isDirectory) {
                        keptDirs.push(child);
                    }
                } else if (isDirectory) {
                    removeTree(child);
                } else {
                    sys.unlink(child);
                }
            }
        }
    }

    /** Depth-first removal of a directory tree with an explicit stack. */
    private void removeTree(RawPath top) throws SyscallException {
        Deque<RawPath> stack = new ArrayDeque<>();
        stack.push(top);
        while (!stack.isEmpty()) {
            RawPath dir = stack.peek();
            boolean descended = false;
            for (byte[] name : sys.readdir(dir)) {
                RawPath child = dir.resolve(name);
                if (sys.lstat(child).isDirectory()) {
                    stack.push(child);
                    descended = true;
                } else {
                    sys.unlink(child);
                }
            }
            if (!descended) {
                sys.rmdir(dir);
                stack.pop();
            }
        }
    }
}
