package io.jcontainerd.ctr.progress;

import io.jcontainerd.client.ContentClient;
import io.jcontainerd.client.remote.RefKeys;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.Status;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.ctr.progress.ProgressStatus.State;
import io.jcontainerd.image.ImageDescriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The snapshots of a client-side fetch, as ctr's {@code ShowProgress} reads the content store: the
 * reference (resolving until the first descriptor arrives), then each descriptor the fetch reached
 * by its ref key: downloading while an ingest has that ref; otherwise, when first seen or after
 * downloading, waiting while the blob is missing, done when it was committed after the start,
 * exists when it was there before. At the end whatever is not done or exists is shown done.
 */
public final class FetchProgress implements ProgressDisplay.Source {
    private final String name;
    private final ContentClient content;
    private final Instant start = Instant.now();
    private final Map<String, ImageDescriptor> jobs = new LinkedHashMap<>();
    private final Map<String, ProgressStatus> statuses = new HashMap<>();

    public FetchProgress(String name, ContentClient content) {
        this.name = name;
        this.content = content;
    }

    /** Records a descriptor the fetch reached (upstream's {@code Jobs.Add}); the first one marks the name resolved. */
    public synchronized void add(ImageDescriptor desc) {
        jobs.putIfAbsent(desc.digest().toString(), desc);
    }

    @Override
    public List<ProgressStatus> snapshot(boolean finished) {
        List<ImageDescriptor> reached;
        synchronized (this) {
            reached = List.copyOf(jobs.values());
        }
        List<ProgressStatus> ordered = new ArrayList<>(reached.size() + 1);
        ordered.add(ProgressStatus.of(name, reached.isEmpty() ? State.RESOLVING : State.RESOLVED));
        Set<String> active = finished ? Set.of() : active();
        for (ImageDescriptor desc : reached) {
            String key = RefKeys.of(desc);
            if (!active.contains(key)) {
                statuses.put(key, settled(key, desc, finished));
            }
            ordered.add(statuses.get(key));
        }
        return ordered;
    }

    /** Refreshes the ingests under way and returns their refs. */
    private Set<String> active() {
        Map<String, ProgressStatus> seen = new HashMap<>();
        for (Status s : content.listStatuses(List.of())) {
            seen.put(s.ref(), new ProgressStatus(s.ref(), State.DOWNLOADING, s.offset(), s.total()));
        }
        statuses.putAll(seen);
        return seen.keySet();
    }

    /** The state of a job with no ingest under way. */
    private ProgressStatus settled(String key, ImageDescriptor desc, boolean finished) {
        ProgressStatus known = statuses.get(key);
        if (finished) {
            if (known == null) {
                return ProgressStatus.of(key, State.DONE);
            }
            return known.state() == State.DONE || known.state() == State.EXISTS
                    ? known : new ProgressStatus(key, State.DONE, known.offset(), known.total());
        }
        if (known != null && known.state() != State.DOWNLOADING) {
            // ctr looks a job up only until it has a state: a waiting one changes once an ingest shows it
            return known;
        }
        return lookUp(key, desc);
    }

    private ProgressStatus lookUp(String key, ImageDescriptor desc) {
        Info info;
        try {
            info = content.info(desc.digest());
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return ProgressStatus.of(key, State.WAITING);
            }
            throw e;
        }
        return info.createdAt().isAfter(start)
                ? new ProgressStatus(key, State.DONE, info.size(), info.size())
                : ProgressStatus.of(key, State.EXISTS);
    }
}
