package io.jcontainerd.ctr.progress;

import io.jcontainerd.client.TransferProgress;
import io.jcontainerd.image.MediaTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ctr 1.6's push table fed by a daemon's push events: one row per descriptor in the order the
 * daemon reaches it, {@code waiting}, {@code uploading} with its byte counts, then {@code done}
 * once the registry has it (pushed, found there or mounted). As in ctr 1.6, layers are rows only
 * with {@code --allow-non-distributable-blobs}.
 */
public final class PushRows implements ProgressDisplay.Source {
    private final boolean layerRows;
    private final Map<String, ProgressStatus> rows = new LinkedHashMap<>();

    /** @param layerRows whether layers get rows (ctr 1.6 lists them only with --allow-non-distributable-blobs) */
    public PushRows(boolean layerRows) {
        this.layerRows = layerRows;
    }

    /** Takes one event of the transfer. */
    public synchronized void accept(TransferProgress event) {
        if (event.desc() == null || (!layerRows && MediaTypes.isLayerType(event.desc().mediaType()))) {
            return;
        }
        ProgressStatus row = switch (event.event()) {
            case "waiting" -> ProgressStatus.of(event.name(), ProgressStatus.State.WAITING);
            case "uploading" -> new ProgressStatus(event.name(), ProgressStatus.State.UPLOADING, event.progress(), event.total());
            case "complete", "already exists" ->
                    new ProgressStatus(event.name(), ProgressStatus.State.DONE, event.total(), event.total());
            default -> null; // "pushing content", "pushed content": the image, not a row
        };
        if (row != null) {
            rows.put(event.name(), row);
        }
    }

    @Override
    public synchronized List<ProgressStatus> snapshot(boolean finished) {
        return new ArrayList<>(rows.values());
    }
}
