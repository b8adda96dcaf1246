package io.jcontainerd.core.gc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Mark and sweep over a {@link ReferenceGraph}: everything not reachable from a root is removed. */
public final class Collector {
    private Collector() {
    }

    /** {@return the identities of every node reachable from {@code graph}'s roots} (tricolor mark, depth first) */
    public static Set<Node> mark(ReferenceGraph graph) {
        Deque<Node> grays = new ArrayDeque<>();
        graph.roots(grays::push);
        Set<Node> seen = new HashSet<>();
        Set<Node> reachable = new HashSet<>();
        while (!grays.isEmpty()) {
            Node node = grays.pop();
            if (!seen.add(node)) {
                continue;
            }
            graph.references(node, ref -> {
                if (!seen.contains(ref)) {
                    grays.push(ref);
                }
            });
            reachable.add(node.identity());
        }
        return reachable;
    }

    /** Removes every node {@link #mark} did not reach and {@return what was removed} */
    public static List<Node> collect(ReferenceGraph graph) {
        Set<Node> reachable = mark(graph);
        List<Node> garbage = new ArrayList<>();
        graph.all(node -> {
            if (!reachable.contains(node.identity())) {
                garbage.add(node);
            }
        });
        garbage.forEach(graph::remove);
        return garbage;
    }
}
