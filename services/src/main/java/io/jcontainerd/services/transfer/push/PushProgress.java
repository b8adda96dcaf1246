package io.jcontainerd.services.transfer.push;

import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.registry.ContentPush;
import io.jcontainerd.registry.PushStatus;
import io.jcontainerd.services.transfer.ProgressEvent;
import io.jcontainerd.services.transfer.pull.RefKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The progress reports of one push, as upstream's push progress tracker words them: "waiting"
 * when the walk reaches a blob (its parents the documents that refer to it, else the image),
 * "uploading" with the bytes sent at most every {@value #INTERVAL_NANOS} ns and not before an
 * upload has run that long (upstream polls every 300 ms), then "complete", or "already exists" for
 * what the registry had or mounted.
 */
final class PushProgress implements ContentPush.Listener {
    private static final long INTERVAL_NANOS = 300_000_000L;

    private final Consumer<ProgressEvent> sink;
    private final String image;
    private final Map<String, List<String>> parents = new ConcurrentHashMap<>();
    private final Map<String, Long> lastReport = new ConcurrentHashMap<>();

    PushProgress(Consumer<ProgressEvent> sink, String image) {
        this.sink = sink;
        this.image = image;
    }

    @Override
    public void reached(ImageDescriptor desc) {
        report("waiting", desc, 0, parents.getOrDefault(RefKeys.of(desc), List.of(image)));
    }

    @Override
    public void children(ImageDescriptor parent, List<ImageDescriptor> children) {
        String name = RefKeys.of(parent);
        for (ImageDescriptor child : children) {
            parents.merge(RefKeys.of(child), List.of(name), (known, added) -> {
                if (known.contains(name)) {
                    return known;
                }
                List<String> all = new ArrayList<>(known);
                all.addAll(added);
                return List.copyOf(all);
            });
        }
    }

    @Override
    public void sending(ImageDescriptor desc, long sent) {
        String name = RefKeys.of(desc);
        long now = System.nanoTime();
        if (sent == 0) {
            lastReport.put(name, now); // an upload that ends within one interval is never reported as uploading
            return;
        }
        Long last = lastReport.get(name);
        if (last != null && now - last < INTERVAL_NANOS) {
            return;
        }
        lastReport.put(name, now);
        report("uploading", desc, sent, parents.getOrDefault(name, List.of(image)));
    }

    @Override
    public void pushed(ImageDescriptor desc, PushStatus status) {
        switch (status) {
            case PUSHED -> report("complete", desc, desc.size(), parents.getOrDefault(RefKeys.of(desc), List.of(image)));
            // upstream names no parents here
            case EXISTS, MOUNTED -> report("already exists", desc, desc.size(), List.of());
        }
    }

    private synchronized void report(String event, ImageDescriptor desc, long progress, List<String> parents) {
        sink.accept(new ProgressEvent(event, RefKeys.of(desc), parents, progress, desc.size(), desc.toDescriptor()));
    }
}
