package io.jcontainerd.ctr.progress;

import io.jcontainerd.client.TransferProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ctr's progress table fed by a daemon's transfer events instead of polling the content store:
 * the reference's row ({@code resolving} until the daemon fetches content), then one row per
 * blob in the order the daemon first mentions it ({@code waiting}, {@code downloading} with its
 * byte counts, {@code done}, or {@code exists} for what the store already had). Unpack events
 * are not rows, as in ctr's table.
 */
public final class TransferRows implements ProgressDisplay.Source {
    private final String ref;
    private final Map<String, ProgressStatus> rows = new LinkedHashMap<>();

    public TransferRows(String ref) {
        this.ref = ref;
        rows.put(ref, ProgressStatus.of(ref, ProgressStatus.State.RESOLVING));
    }

    /** Takes one event of the transfer. */
    public synchronized void accept(TransferProgress event) {
        if (event.desc() == null) {
            return; // free text
        }
        if (event.name().equals(ref)) {
            rows.put(ref, ProgressStatus.of(ref, ProgressStatus.State.RESOLVED));
            return;
        }
        ProgressStatus.State state = switch (event.event()) {
            case "waiting" -> ProgressStatus.State.WAITING;
            case "downloading" -> ProgressStatus.State.DOWNLOADING;
            case "complete" -> ProgressStatus.State.DONE;
            case "already exists" -> ProgressStatus.State.EXISTS;
            default -> null; // extracting, extracted, saved: not rows of the table
        };
        if (state != null) {
            rows.put(event.name(), new ProgressStatus(event.name(), state, event.progress(), event.total()));
        }
    }

    @Override
    public synchronized List<ProgressStatus> snapshot(boolean finished) {
        List<ProgressStatus> out = new ArrayList<>();
        for (ProgressStatus row : rows.values()) {
            boolean open = row.state() != ProgressStatus.State.DONE && row.state() != ProgressStatus.State.EXISTS;
            if (finished && open) {
                row = row.ref().equals(ref) ? ProgressStatus.of(ref, ProgressStatus.State.RESOLVED)
                        : new ProgressStatus(row.ref(), ProgressStatus.State.DONE, row.total(), row.total());
            }
            out.add(row);
        }
        return out;
    }
}
