package io.jcontainerd.ctr.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.client.TransferProgress;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ctr 1.6's push table from a daemon's push events. */
class PushRowsTest {
    private static final Descriptor MANIFEST = new Descriptor("application/vnd.oci.image.manifest.v1+json",
            Digest.fromString("manifest"), 500, Map.of());
    private static final Descriptor CONFIG = new Descriptor("application/vnd.oci.image.config.v1+json",
            Digest.fromString("config"), 200, Map.of());
    private static final Descriptor LAYER = new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip",
            Digest.fromString("layer"), 1000, Map.of());

    private static TransferProgress event(String event, String name, long progress, Descriptor desc) {
        return new TransferProgress(event, name, List.of(), progress, desc.size(), desc);
    }

    private static void push(PushRows rows) {
        rows.accept(new TransferProgress("Pushing to OCI Registry (r)", "", List.of(), 0, 0, null));
        rows.accept(event("pushing content", "app:v1", 0, MANIFEST));
        rows.accept(event("waiting", "manifest-m", 0, MANIFEST));
        rows.accept(event("waiting", "config-c", 0, CONFIG));
        rows.accept(event("waiting", "layer-l", 0, LAYER));
        rows.accept(event("uploading", "layer-l", 300, LAYER));
        rows.accept(event("already exists", "config-c", 200, CONFIG));
    }

    @Test
    void rowsWaitUploadAndAreDoneWhateverWayTheRegistryGotTheBlob() {
        PushRows rows = new PushRows(true);
        push(rows);
        assertThat(rows.snapshot(false)).containsExactly(ProgressStatus.of("manifest-m", ProgressStatus.State.WAITING),
                new ProgressStatus("config-c", ProgressStatus.State.DONE, 200, 200),
                new ProgressStatus("layer-l", ProgressStatus.State.UPLOADING, 300, 1000));
        rows.accept(event("complete", "layer-l", 1000, LAYER));
        rows.accept(event("complete", "manifest-m", 500, MANIFEST));
        rows.accept(event("pushed content", "app:v1", 0, MANIFEST));
        assertThat(rows.snapshot(true)).extracting(ProgressStatus::state).containsOnly(ProgressStatus.State.DONE);
    }

    @Test
    void layersAreNoRowsWithoutNonDistributableBlobsAllowedAsInCtr16() {
        PushRows rows = new PushRows(false);
        push(rows);
        assertThat(rows.snapshot(false)).extracting(ProgressStatus::ref).containsExactly("manifest-m", "config-c");
    }
}
