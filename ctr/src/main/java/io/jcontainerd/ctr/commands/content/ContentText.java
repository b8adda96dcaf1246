package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.ctr.text.GoUnits;
import io.jcontainerd.ctr.text.LabelPairs;
import io.jcontainerd.ctr.text.TabWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** ctr's content tables; both align with tabs, as ctr's tabwriters there do. */
final class ContentText {
    private ContentText() {
    }

    static String digests(List<Info> infos) {
        StringBuilder b = new StringBuilder();
        infos.forEach(info -> b.append(info.digest()).append('\n'));
        return b.toString();
    }

    /** Ages are counted from {@code now}; {@code -} for a blob without labels. */
    static String blobs(List<Info> infos, Instant now) {
        StringBuilder b = new StringBuilder();
        TabWriter tw = new TabWriter(b, 1, 8, 1, '\t');
        tw.println("DIGEST\tSIZE\tAGE\tLABELS");
        for (Info info : infos) {
            String labels = LabelPairs.joinedOrDash(info.labels());
            tw.println(info.digest() + "\t" + GoUnits.humanSize(info.size()) + "\t"
                    + GoUnits.humanDuration(Duration.between(info.createdAt(), now)) + "\t" + labels);
        }
        tw.flush();
        return b.toString();
    }

    static String active(List<Status> statuses, Instant now) {
        StringBuilder b = new StringBuilder();
        TabWriter tw = new TabWriter(b, 1, 8, 1, '\t');
        tw.println("REF\tSIZE\tAGE\t");
        for (Status status : statuses) {
            tw.println(status.ref() + "\t" + GoUnits.humanSize(status.offset()) + "\t"
                    + GoUnits.humanDuration(Duration.between(status.startedAt(), now)) + "\t");
        }
        tw.flush();
        return b.toString();
    }
}
