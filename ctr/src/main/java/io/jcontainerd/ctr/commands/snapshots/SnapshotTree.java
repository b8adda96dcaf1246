package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent–child forest of {@code snapshots tree}, built as ctr builds it: nodes in the order
 * first seen (a parent not listed yet gets a placeholder there, filled in if it comes), children
 * in listing order; every node without a parent is a root.
 */
final class SnapshotTree {
    private static final class Node {
        Info info;
        final List<String> children = new ArrayList<>();

        Node(Info info) {
            this.info = info;
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> index = new HashMap<>();

    void add(Info info) {
        Node node = index.get(info.name());
        if (node == null) {
            node = new Node(info);
            nodes.add(node);
            index.put(info.name(), node);
        } else {
            node.info = info;
        }
        if (!info.parent().isEmpty()) {
            Node parent = index.get(info.parent());
            if (parent == null) {
                add(new Info(Kind.UNKNOWN, info.parent(), "", Map.of(), null, null));
                parent = index.get(info.parent());
            }
            parent.children.add(info.name());
        }
    }

    /** {@return each root and, indented beneath, its descendants: {@code " name"}, {@code "  \_ child"}} */
    String render() {
        StringBuilder b = new StringBuilder();
        for (Node node : nodes) {
            if (node.info.parent().isEmpty()) {
                render(node.info.name(), 0, b);
            }
        }
        return b.toString();
    }

    private void render(String name, int level, StringBuilder b) {
        Node node = index.get(name);
        b.append("  ".repeat(level)).append(level > 0 ? "\\_" : "").append(' ').append(node.info.name()).append('\n');
        for (String child : node.children) {
            render(child, level + 1, b);
        }
    }
}
