package io.jcontainerd.services.transfer.pull;

import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.services.transfer.ProgressEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The progress reports of one pull, with upstream's event names. Byte counts of a download are
 * reported at most every {@value #INTERVAL_NANOS} ns per blob, like upstream's 300 ms poll.
 * Thread-safe: downloads report concurrently.
 */
final class PullProgress {
    private static final long INTERVAL_NANOS = 300_000_000L;

    private final Consumer<ProgressEvent> sink;
    private final String root;
    private final Map<String, List<String>> parents = new ConcurrentHashMap<>();
    private final Map<String, Long> lastReport = new ConcurrentHashMap<>();

    /** @param root the reference; the parent of the top descriptor */
    PullProgress(Consumer<ProgressEvent> sink, String root) {
        this.sink = sink;
        this.root = root;
    }

    synchronized void text(String event) {
        sink.accept(ProgressEvent.text(event));
    }

    /** Records that {@code parent} refers to {@code children}, for their reports' parents. */
    void children(ImageDescriptor parent, List<ImageDescriptor> children) {
        String name = RefKeys.of(parent);
        for (ImageDescriptor child : children) {
            parents.compute(RefKeys.of(child), (key, known) -> {
                if (known == null) {
                    return List.of(name);
                }
                if (known.contains(name)) {
                    return known;
                }
                List<String> more = new ArrayList<>(known);
                more.add(name);
                return List.copyOf(more);
            });
        }
    }

    synchronized void fetching(ImageDescriptor root) {
        sink.accept(new ProgressEvent("fetching image content", this.root, List.of(), 0, 0, root.toDescriptor()));
    }

    void waiting(ImageDescriptor desc) {
        report("waiting", desc, 0);
    }

    void downloading(ImageDescriptor desc, long offset) {
        String name = RefKeys.of(desc);
        long now = System.nanoTime();
        Long last = lastReport.get(name);
        if (last != null && now - last < INTERVAL_NANOS) {
            return;
        }
        lastReport.put(name, now);
        report("downloading", desc, offset);
    }

    void complete(ImageDescriptor desc) {
        report("complete", desc, desc.size());
    }

    void alreadyExists(ImageDescriptor desc) {
        report("already exists", desc, desc.size());
    }

    void extracting(ImageDescriptor desc) {
        report("extracting", desc, 0);
    }

    void extracted(ImageDescriptor desc) {
        report("extracted", desc, desc.size());
    }

    synchronized void saved(String image, ImageDescriptor target) {
        sink.accept(new ProgressEvent("saved", image, List.of(), 0, 0, target.toDescriptor()));
    }

    private synchronized void report(String event, ImageDescriptor desc, long progress) {
        String name = RefKeys.of(desc);
        sink.accept(new ProgressEvent(event, name, parents.getOrDefault(name, List.of(root)), progress, desc.size(),
                desc.toDescriptor()));
    }
}
