package io.jcontainerd.services.transfer;

import io.jcontainerd.core.content.Descriptor;
import java.util.List;
import java.util.Objects;

/**
 * One progress report of a transfer ({@code containerd.types.transfer.Progress}), with upstream's
 * event names: free text such as "Resolving from OCI Registry (…)", or per object "waiting",
 * "downloading", "complete", "already exists", "extracting", "extracted", "saved".
 *
 * @param name     the object, e.g. {@code layer-sha256:…}, or an image name; empty for free text
 * @param parents  names of the objects that referred to it
 * @param progress bytes done
 * @param total    bytes in all
 * @param desc     the object's descriptor, null for free text
 */
public record ProgressEvent(String event, String name, List<String> parents, long progress, long total, Descriptor desc) {
    public ProgressEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(name, "name");
        parents = List.copyOf(parents);
    }

    public static ProgressEvent text(String event) {
        return new ProgressEvent(event, "", List.of(), 0, 0, null);
    }
}
