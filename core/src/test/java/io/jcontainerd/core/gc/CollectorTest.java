package io.jcontainerd.core.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CollectorTest {
    /** An in-memory graph: labelled blobs, snapshots with parents, leases holding nodes. */
    static final class MemoryGraph implements ReferenceGraph {
        final Map<Node, Map<String, String>> labels = new HashMap<>();
        final Map<Node, Node> parents = new HashMap<>();
        final List<Node> roots = new ArrayList<>();
        final Set<Node> objects = new LinkedHashSet<>();
        final List<Node> removed = new ArrayList<>();

        Node blob(String ns, String digest, Map<String, String> l) {
            Node n = Node.of(ResourceType.CONTENT, ns, digest);
            objects.add(n);
            labels.put(n, l);
            return n;
        }

        Node snapshot(String ns, String key, Node parent) {
            Node n = Node.of(ResourceType.SNAPSHOT, ns, key);
            objects.add(n);
            if (parent != null) {
                parents.put(n, parent);
            }
            return n;
        }

        @Override
        public void roots(Consumer<Node> sink) {
            roots.forEach(sink);
        }

        @Override
        public void references(Node node, Consumer<Node> sink) {
            Node id = node.identity();
            Node parent = parents.get(id);
            if (parent != null) {
                sink.accept(new Node(parent.type(), parent.namespace(), parent.key(), node.flat()));
            }
            if (!node.flat()) {
                GcLabels.references(id.namespace(), labels.getOrDefault(id, Map.of())).forEach(sink);
            }
        }

        @Override
        public void all(Consumer<Node> sink) {
            objects.forEach(sink);
        }

        @Override
        public void remove(Node node) {
            objects.remove(node);
            removed.add(node);
        }
    }

    @Test
    void everything_reachable_from_a_root_survives_and_the_rest_goes() {
        MemoryGraph g = new MemoryGraph();
        Node layer = g.blob("ns", "sha256:layer", Map.of());
        Node config = g.blob("ns", "sha256:config", Map.of());
        Node manifest = g.blob("ns", "sha256:manifest", Map.of(
                "containerd.io/gc.ref.content.l.0", "sha256:layer",
                "containerd.io/gc.ref.content.config", "sha256:config"));
        Node orphan = g.blob("ns", "sha256:orphan", Map.of());
        Node otherNamespace = g.blob("other", "sha256:layer", Map.of());
        g.roots.add(manifest);

        List<Node> removed = Collector.collect(g);

        assertThat(removed).containsExactlyInAnyOrder(orphan, otherNamespace);
        assertThat(g.objects).containsExactlyInAnyOrder(layer, config, manifest);
    }

    @Test
    void snapshot_parents_are_kept_and_cycles_terminate() {
        MemoryGraph g = new MemoryGraph();
        Node base = g.snapshot("ns", "overlayfs/base", null);
        Node top = g.snapshot("ns", "overlayfs/top", base);
        Node loose = g.snapshot("ns", "overlayfs/loose", null);
        Node a = g.blob("ns", "sha256:a", Map.of("containerd.io/gc.ref.content", "sha256:b",
                "containerd.io/gc.ref.snapshot.overlayfs", "top"));
        g.blob("ns", "sha256:b", Map.of("containerd.io/gc.ref.content", "sha256:a"));
        g.roots.add(a);

        assertThat(Collector.collect(g)).containsExactly(loose);
        assertThat(g.objects).contains(base, top);
    }

    @Test
    void a_flat_root_keeps_its_objects_but_not_what_their_labels_reference() {
        MemoryGraph g = new MemoryGraph();
        Node held = g.blob("ns", "sha256:held", Map.of("containerd.io/gc.ref.content", "sha256:child"));
        Node child = g.blob("ns", "sha256:child", Map.of());
        g.roots.add(new Node(ResourceType.CONTENT, "ns", "sha256:held", true));

        assertThat(Collector.collect(g)).containsExactly(child);
        assertThat(g.objects).containsExactly(held);
    }

    @Test
    void a_node_reached_both_flat_and_not_has_its_references_followed() {
        MemoryGraph g = new MemoryGraph();
        g.blob("ns", "sha256:held", Map.of("containerd.io/gc.ref.content", "sha256:child"));
        Node child = g.blob("ns", "sha256:child", Map.of());
        g.roots.add(new Node(ResourceType.CONTENT, "ns", "sha256:held", true));
        g.roots.add(Node.of(ResourceType.CONTENT, "ns", "sha256:held"));

        assertThat(Collector.collect(g)).isEmpty();
        assertThat(g.objects).contains(child);
    }
}
