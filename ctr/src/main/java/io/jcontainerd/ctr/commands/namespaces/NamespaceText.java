package io.jcontainerd.ctr.commands.namespaces;

import io.jcontainerd.client.Namespace;
import io.jcontainerd.ctr.text.LabelPairs;
import io.jcontainerd.ctr.text.TabWriter;
import java.util.List;

/** {@code namespaces list} output: the NAME/LABELS table or bare names. */
final class NamespaceText {
    private NamespaceText() {
    }

    static String names(List<Namespace> namespaces) {
        StringBuilder b = new StringBuilder();
        namespaces.forEach(ns -> b.append(ns.name()).append('\n'));
        return b.toString();
    }

    static String table(List<Namespace> namespaces) {
        StringBuilder b = new StringBuilder();
        TabWriter tw = new TabWriter(b, 1, 8, 1, ' ');
        tw.println("NAME\tLABELS\t");
        for (Namespace ns : namespaces) {
            tw.println(ns.name() + "\t" + LabelPairs.joined(ns.labels()) + "\t");
        }
        tw.flush();
        return b.toString();
    }
}
