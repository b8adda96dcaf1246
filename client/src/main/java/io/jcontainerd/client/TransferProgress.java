package io.jcontainerd.client;

import io.jcontainerd.core.content.Descriptor;
import java.util.List;

/**
 * One progress event of a transfer, as the daemon sent it ({@code containerd.types.transfer.Progress}):
 * free text (e.g. "Resolving from OCI Registry (…)") or the state of one object ("waiting",
 * "downloading", "complete", "already exists", "extracting", "extracted", "saved").
 *
 * @param desc the object's descriptor; null for free text
 */
public record TransferProgress(String event, String name, List<String> parents, long progress, long total, Descriptor desc) {
    public TransferProgress {
        parents = List.copyOf(parents);
    }
}
