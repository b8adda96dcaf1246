package io.jcontainerd.ctr.commands.leases;

import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.ctr.text.GoTime;
import io.jcontainerd.ctr.text.LabelPairs;
import io.jcontainerd.ctr.text.TabWriter;
import java.time.ZoneId;
import java.util.List;

/** {@code leases list} output: the ID/CREATED AT/LABELS table or bare IDs. */
final class LeaseText {
    private LeaseText() {
    }

    static String ids(List<Lease> leases) {
        StringBuilder b = new StringBuilder();
        leases.forEach(lease -> b.append(lease.id()).append('\n'));
        return b.toString();
    }

    /** Creation times in {@code zone} (ctr shows local time); {@code -} for a lease without labels. */
    static String table(List<Lease> leases, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        TabWriter tw = new TabWriter(b, 1, 8, 1, ' ');
        tw.println("ID\tCREATED AT\tLABELS\t");
        for (Lease lease : leases) {
            String labels = LabelPairs.joinedOrDash(lease.labels());
            tw.println(lease.id() + "\t" + GoTime.rfc3339(lease.createdAt(), zone) + "\t" + labels + "\t");
        }
        tw.flush();
        return b.toString();
    }
}
