package io.jcontainerd.ctr.commands.plugins;

import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import io.jcontainerd.client.PluginError;
import io.jcontainerd.client.PluginInfo;
import io.jcontainerd.ctr.text.GoCodes;
import io.jcontainerd.ctr.text.TabWriter;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code plugins list} output in its three forms. The detailed form keeps ctr's quirks: Go's
 * {@code Println} puts a space between a label's tab and its value, and an all-tab line
 * separates plugins. Exports are sorted by key (ctr prints them in Go's random map order).
 */
final class PluginText {
    private PluginText() {
    }

    static String ids(List<PluginInfo> plugins) {
        StringBuilder b = new StringBuilder();
        plugins.forEach(p -> b.append(p.id()).append('\n'));
        return b.toString();
    }

    static String table(List<PluginInfo> plugins) {
        StringBuilder b = new StringBuilder();
        TabWriter w = writer(b);
        w.println("TYPE\tID\tPLATFORMS\tSTATUS\t");
        for (PluginInfo p : plugins) {
            String platforms = p.platforms().isEmpty() ? "-" : platforms(p.platforms());
            w.println(p.type() + "\t" + p.id() + "\t" + platforms + "\t" + status(p) + "\t");
        }
        w.flush();
        return b.toString();
    }

    static String details(List<PluginInfo> plugins) {
        StringBuilder b = new StringBuilder();
        TabWriter w = writer(b);
        boolean first = true;
        for (PluginInfo p : plugins) {
            if (!first) {
                w.println("\t\t\t");
            }
            first = false;
            w.println("Type:\t " + p.type());
            w.println("ID:\t " + p.id());
            if (!p.requires().isEmpty()) {
                w.println("Requires:\t");
                p.requires().forEach(r -> w.println("\t " + r));
            }
            if (!p.platforms().isEmpty()) {
                w.println("Platforms:\t " + platforms(p.platforms()));
            }
            if (!p.exports().isEmpty()) {
                w.println("Exports:\t");
                new TreeMap<>(p.exports()).forEach((k, v) -> w.println("\t " + k + " \t " + v));
            }
            if (!p.capabilities().isEmpty()) {
                w.println("Capabilities:\t " + String.join(",", p.capabilities()));
            }
            if (p.initError().isPresent()) {
                PluginError e = p.initError().get();
                w.println("Error:\t");
                w.println("\t Code:\t " + GoCodes.name(e.code()));
                w.println("\t Message:\t " + e.message());
            }
        }
        w.flush();
        return b.toString();
    }

    private static TabWriter writer(StringBuilder b) {
        return new TabWriter(b, 4, 8, 4, ' ');
    }

    private static String status(PluginInfo p) {
        return p.initError().map(e -> e.skipped() ? "skip" : "error").orElse("ok");
    }

    /** Distinct formatted platforms, sorted, comma-joined. */
    private static String platforms(List<Platform> platforms) {
        return String.join(",", platforms.stream().map(Platforms::format).distinct().sorted().toList());
    }
}
