package io.jcontainerd.plugins.runtime.v2;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts a namespace's {@code io.containerd.runc.v2} tasks into shared shims, {@code size} tasks at
 * most to each. Debian's runc-v2 shim serves every container whose spec names the same
 * {@code io.containerd.runc.v2.group}, as CRI has it serve a pod. One shim costs about 2.5 MB of
 * its own and 0.1 MB per container it serves, so sharing cuts memory per container to a fraction;
 * the bound limits what a shim that dies takes with it. A spec that names its own group (or pod)
 * keeps it, and {@code size} 1 gives every task its own shim, as containerd does.
 */
final class ShimGroups {
    static final String RUNTIME = "io.containerd.runc.v2";
    /** What runc-v2's {@code start} reads, in its order. */
    static final List<String> ANNOTATIONS = List.of("io.containerd.runc.v2.group", "io.kubernetes.cri.sandbox-id");

    private final int size;
    private final Map<ShimGroup, Integer> members = new HashMap<>();
    private final Map<ShimGroup, Lock> starts = new ConcurrentHashMap<>();

    ShimGroups(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("shim_group_size must be at least 1, not " + size);
        }
        this.size = size;
    }

    /**
     * Where a new task goes.
     *
     * @param group null for a shim of its own
     * @param spec  what its bundle's {@code config.json} gets: naming the group the daemon chose
     */
    record Placement(ShimGroup group, byte[] spec) {
    }

    /**
     * {@return where a new task goes: the group its spec names if that is one of ours (counted
     * even when full, as the shim will serve it), else the first of its namespace with room,
     * written into its spec; a shim of its own, spec untouched, when it is no runc-v2 task, its
     * spec names another group or cannot name one, or groups are off}
     */
    Placement place(String namespace, String runtime, byte[] spec) {
        Placement alone = new Placement(null, spec);
        if (!RUNTIME.equals(runtime)) {
            return alone; // not even parsed
        }
        BundleSpec parsed = BundleSpec.of(spec);
        if (!parsed.editable()) {
            return alone;
        }
        Map<String, String> annotations = parsed.annotations();
        ShimGroup named = ShimGroup.of(namespace, annotations.get(ANNOTATIONS.getFirst()));
        if (named != null) {
            rejoin(named);
            return new Placement(named, spec);
        }
        if (size == 1 || ANNOTATIONS.stream().anyMatch(annotations::containsKey)) {
            return alone;
        }
        ShimGroup group = firstWithRoom(namespace);
        return new Placement(group, parsed.withAnnotation(ANNOTATIONS.getFirst(), group.name()));
    }

    private synchronized ShimGroup firstWithRoom(String namespace) {
        for (int index = 0; ; index++) {
            ShimGroup group = new ShimGroup(namespace, index);
            if (members.getOrDefault(group, 0) < size) {
                rejoin(group);
                return group;
            }
        }
    }

    /** {@return the group of ours a bundle's spec names, null for none} */
    static ShimGroup of(String namespace, byte[] spec) {
        return ShimGroup.of(namespace, BundleSpec.of(spec).annotations().get(ANNOTATIONS.getFirst()));
    }

    /** Counts a task a previous daemon placed, found on restart. */
    synchronized void rejoin(ShimGroup group) {
        members.merge(group, 1, Integer::sum);
    }

    /**
     * {@return the lock a group's {@code shim start}s take one at a time} Two at once can race on
     * a dead shim's socket: each removes it, one binds a new one and starts a shim, and the other
     * removes that file too and starts its own, so the first shim listens where no one can reach
     * it, and serves nothing, forever.
     */
    Lock startLock(ShimGroup group) {
        return starts.computeIfAbsent(group, g -> new ReentrantLock());
    }

    /** A task of {@code group} is gone; null is a task with a shim of its own. */
    synchronized void leave(ShimGroup group) {
        if (group != null) {
            members.computeIfPresent(group, (g, n) -> n > 1 ? n - 1 : null);
        }
    }
}
