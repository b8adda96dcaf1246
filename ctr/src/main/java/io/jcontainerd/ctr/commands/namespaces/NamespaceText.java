package io.jcontainerd.ctr.commands.namespaces;

import io.jcontainerd.client.Namespace;
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

    /** Labels as sorted {@code k=v} pairs joined by commas. */
    static String table(List<Namespace> namespaces) {
        StringBuilder b = new StringBuilder();
        TabWriter tw = new TabWriter(b, 1, 8, 1, ' ');
        tw.println("NAME\tLABELS\t");
        for (Namespace ns : namespaces) {
            List<String> labels = ns.labels().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .sorted(NamespaceText::compareCodePoints)
                    .toList();
            tw.println(ns.name() + "\t" + String.join(",", labels) + "\t");
        }
        tw.flush();
        return b.toString();
    }

    /** Go sorts strings bytewise (UTF-8), which is code point order, not UTF-16 order. */
    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
