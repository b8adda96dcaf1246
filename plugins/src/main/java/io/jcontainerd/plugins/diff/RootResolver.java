package io.jcontainerd.plugins.diff;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.sys.FileStat;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves directory names inside a root as if the root were {@code /} (chroot semantics, like
 * containerd's {@code fs.RootPath} and the kernel's {@code RESOLVE_IN_ROOT}): symbolic links are
 * followed, but an absolute target starts again at the root and {@code ..} stops at it, so no
 * resolution ever leaves the root. Each component is looked at with {@code lstat} below
 * directories already checked to be real directories, so the path handed back contains no
 * symbolic link at all and the kernel never follows one when it is used.
 *
 * <p>Resolved directories are remembered until {@link #forget()}, which the applier calls before
 * anything is removed: a directory only stops being one (say, becomes a symlink) by being removed
 * first, and nothing but the applier writes to the root while it runs.
 */
final class RootResolver {
    /** As upstream: more links than this in one resolution is a loop. */
    static final int MAX_LINKS = 255;

    private final Syscalls sys;
    private final RawPath root;
    /** Requested components, joined by '/' one char per byte, to the directory they resolved to. */
    private final Map<String, RawPath> directories = new HashMap<>();

    RootResolver(Syscalls sys, RawPath root) {
        this.sys = sys;
        this.root = root;
    }

    /** Creates one missing directory during {@link #resolveCreating}. */
    @FunctionalInterface
    interface DirectoryMaker {
        /** @param relative the directory's components below the root */
        void make(RawPath path, List<byte[]> relative) throws SyscallException;
    }

    /**
     * {@return the host path of the directory {@code components} name, creating the missing ones
     * with {@code maker}} @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT when
     * a component is neither a directory nor a symlink to one, or on a symlink loop
     */
    RawPath resolveCreating(List<byte[]> components, DirectoryMaker maker) throws SyscallException {
        String key = key(components);
        RawPath known = directories.get(key);
        if (known != null) {
            return known;
        }
        RawPath resolved = walk(components, maker).orElseThrow();
        directories.put(key, resolved);
        return resolved;
    }

    /** Drops what was resolved: call before removing anything under the root. */
    void forget() {
        directories.clear();
    }

    /**
     * {@return the host path of what {@code components} name, following symlinks in every component
     * (the last one too); empty when it does not exist or a component before the last is no directory}
     */
    Optional<RawPath> lookup(List<byte[]> components) throws SyscallException {
        RawPath known = directories.get(key(components));
        return known != null ? Optional.of(known) : walk(components, null);
    }

    private static String key(List<byte[]> components) {
        StringBuilder b = new StringBuilder();
        for (byte[] c : components) {
            b.append('/').append(new String(c, StandardCharsets.ISO_8859_1));
        }
        return b.toString();
    }

    private Optional<RawPath> walk(List<byte[]> components, DirectoryMaker maker) throws SyscallException {
        Deque<byte[]> pending = new ArrayDeque<>(components);
        List<byte[]> relative = new ArrayList<>();
        Deque<RawPath> stack = new ArrayDeque<>();
        RawPath current = root;
        int links = 0;
        while (!pending.isEmpty()) {
            byte[] c = pending.removeFirst();
            if (c.length == 0 || LayerPath.isDot(c)) {
                continue;
            }
            if (LayerPath.isDotDot(c)) {
                if (!stack.isEmpty()) {
                    current = stack.pop();
                    relative.removeLast();
                }
                continue;
            }
            RawPath next = current.resolve(c);
            Optional<FileStat> st = sys.lstatIfExists(next);
            if (st.isEmpty()) {
                if (maker == null) {
                    return Optional.empty();
                }
                relative.add(c);
                maker.make(next, List.copyOf(relative));
            } else if (st.get().isSymlink()) {
                if (++links > MAX_LINKS) {
                    throw Errdefs.invalidArgument("too many levels of symbolic links below " + display(relative));
                }
                byte[] target = sys.readlink(next);
                if (target.length > 0 && target[0] == '/') {
                    stack.clear();
                    relative.clear();
                    current = root;
                }
                pushFront(pending, target);
                continue;
            } else if (st.get().isDirectory()) {
                relative.add(c);
            } else if (maker == null) {
                if (!pending.isEmpty()) {
                    return Optional.empty();
                }
                relative.add(c);
            } else {
                relative.add(c);
                throw Errdefs.invalidArgument(display(relative) + " is not a directory");
            }
            stack.push(current);
            current = next;
        }
        return Optional.of(current);
    }

    /**
     * Puts a link target's components before what is still to resolve, cleaned lexically first as
     * upstream does ({@code filepath.Join}): {@code x/../y} is {@code y} whether or not {@code x}
     * exists; only leading {@code ..} remain, and those climb real directories (clamped at the root).
     */
    private static void pushFront(Deque<byte[]> pending, byte[] target) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= target.length; i++) {
            if (i < target.length && target[i] != '/') {
                continue;
            }
            byte[] c = Arrays.copyOfRange(target, start, i);
            start = i + 1;
            if (c.length == 0 || LayerPath.isDot(c)) {
                continue;
            }
            if (LayerPath.isDotDot(c) && !parts.isEmpty() && !LayerPath.isDotDot(parts.getLast())) {
                parts.removeLast();
            } else {
                parts.add(c);
            }
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            pending.addFirst(parts.get(i));
        }
    }

    private static String display(List<byte[]> relative) {
        return new LayerPath(relative).toString();
    }
}
