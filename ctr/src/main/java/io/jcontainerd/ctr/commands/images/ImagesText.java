package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.ctr.text.TabWriter;
import java.util.List;

/** ctr's image tables: columns aligned with spaces ({@code tabwriter.NewWriter(os.Stdout, 1, 8, 1, ' ', 0)}). */
final class ImagesText {
    private ImagesText() {
    }

    /** One row of {@code images ls}. */
    record ListRow(String name, String mediaType, String digest, String size, String platforms, String labels) {
    }

    /** One row of {@code images check}; {@code unpacked} is text after the last column, as ctr prints it. */
    record CheckRow(String name, String mediaType, String digest, String status, String size, boolean unpacked) {
    }

    static String list(List<ListRow> rows) {
        StringBuilder b = new StringBuilder();
        TabWriter tw = table(b);
        tw.println("REF\tTYPE\tDIGEST\tSIZE\tPLATFORMS\tLABELS\t");
        for (ListRow r : rows) {
            tw.println(r.name() + "\t" + r.mediaType() + "\t" + r.digest() + "\t" + r.size() + "\t" + r.platforms() + "\t"
                    + r.labels() + "\t");
        }
        tw.flush();
        return b.toString();
    }

    static String check(List<CheckRow> rows) {
        StringBuilder b = new StringBuilder();
        TabWriter tw = table(b);
        tw.println("REF\tTYPE\tDIGEST\tSTATUS\tSIZE\tUNPACKED\t");
        for (CheckRow r : rows) {
            tw.println(r.name() + "\t" + r.mediaType() + "\t" + r.digest() + "\t" + r.status() + "\t" + r.size() + "\t"
                    + r.unpacked());
        }
        tw.flush();
        return b.toString();
    }

    private static TabWriter table(StringBuilder b) {
        return new TabWriter(b, 1, 8, 1, ' ');
    }
}
