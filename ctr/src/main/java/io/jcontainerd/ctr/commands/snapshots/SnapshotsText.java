package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.ctr.text.TabWriter;
import java.util.List;

/** ctr's snapshot tables ({@code tabwriter.NewWriter(os.Stdout, 1, 8, 1, ' ', 0)}) and mount commands. */
final class SnapshotsText {
    private SnapshotsText() {
    }

    /** One row of {@code usage}: the size already formatted (human or bytes). */
    record UsageRow(String key, String size, long inodes) {
    }

    static String list(List<Info> snapshots) {
        StringBuilder b = new StringBuilder();
        TabWriter tw = table(b);
        tw.println("KEY\tPARENT\tKIND\t");
        for (Info info : snapshots) {
            tw.println(info.name() + "\t" + info.parent() + "\t" + info.kind() + "\t");
        }
        tw.flush();
        return b.toString();
    }

    static String usage(List<UsageRow> rows) {
        StringBuilder b = new StringBuilder();
        TabWriter tw = table(b);
        tw.println("KEY\tSIZE\tINODES\t");
        for (UsageRow r : rows) {
            tw.println(r.key() + "\t" + r.size() + "\t" + r.inodes() + "\t");
        }
        tw.flush();
        return b.toString();
    }

    /** {@code mount -t <type> <source> <target> -o <options>} per mount, as ctr prints them. */
    static String mountCommands(String target, List<Mount> mounts) {
        StringBuilder b = new StringBuilder();
        for (Mount m : mounts) {
            b.append("mount -t ").append(m.type()).append(' ').append(m.source()).append(' ').append(target)
                    .append(" -o ").append(String.join(",", m.options())).append('\n');
        }
        return b.toString();
    }

    private static TabWriter table(StringBuilder b) {
        return new TabWriter(b, 1, 8, 1, ' ');
    }
}
