package io.jcontainerd.ctr.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.client.TransferProgress;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress table's rows from a daemon's pull events, as ctr's table shows a client-side pull. */
class TransferRowsTest {
    private static final String REF = "127.0.0.1:5000/app:v1";
    private static final Descriptor LAYER = new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip",
            Digest.fromString("layer"), 100, Map.of());

    private static TransferProgress event(String event, String name, long progress) {
        return new TransferProgress(event, name, List.of(), progress, 100, LAYER);
    }

    @Test
    void rowsFollowTheEventsAndUnpackEventsAreNotRows() {
        TransferRows rows = new TransferRows(REF);
        assertThat(rows.snapshot(false)).containsExactly(ProgressStatus.of(REF, ProgressStatus.State.RESOLVING));
        rows.accept(new TransferProgress("Resolving from OCI Registry", "", List.of(), 0, 0, null));
        rows.accept(event("fetching image content", REF, 0));
        rows.accept(event("waiting", "layer-a", 0));
        rows.accept(event("already exists", "config-b", 100));
        rows.accept(event("downloading", "layer-a", 40));
        rows.accept(event("extracting", "layer-a", 0));
        assertThat(rows.snapshot(false)).containsExactly(ProgressStatus.of(REF, ProgressStatus.State.RESOLVED),
                new ProgressStatus("layer-a", ProgressStatus.State.DOWNLOADING, 40, 100),
                new ProgressStatus("config-b", ProgressStatus.State.EXISTS, 100, 100));
        // the last frame after success shows everything done
        assertThat(rows.snapshot(true).get(1)).isEqualTo(new ProgressStatus("layer-a", ProgressStatus.State.DONE, 100, 100));
        rows.accept(event("complete", "layer-a", 100));
        assertThat(rows.snapshot(false).get(1).state()).isEqualTo(ProgressStatus.State.DONE);
    }
}
