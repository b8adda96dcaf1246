package io.jcontainerd.ctr.progress;

import io.jcontainerd.client.remote.PushTracker;
import io.jcontainerd.client.remote.RefKeys;
import io.jcontainerd.ctr.progress.ProgressStatus.State;
import io.jcontainerd.image.ImageDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The snapshots of a push, as ctr's {@code pushjobs.status}: each descriptor the push reached, by
 * ref key, waiting until its upload starts, uploading, then done once the registry has it.
 */
public final class PushProgress implements ProgressDisplay.Source {
    private final PushTracker tracker;
    private final SequencedSet<String> refs = new LinkedHashSet<>();

    public PushProgress(PushTracker tracker) {
        this.tracker = tracker;
    }

    public synchronized void add(ImageDescriptor desc) {
        refs.add(RefKeys.of(desc));
    }

    @Override
    public synchronized List<ProgressStatus> snapshot(boolean finished) {
        List<ProgressStatus> statuses = new ArrayList<>(refs.size());
        for (String ref : refs) {
            Optional<PushTracker.Upload> upload = tracker.get(ref);
            if (upload.isEmpty()) {
                statuses.add(ProgressStatus.of(ref, State.WAITING));
                continue;
            }
            PushTracker.Upload u = upload.get();
            State state = u.offset() >= u.total() ? State.DONE : State.UPLOADING;
            statuses.add(new ProgressStatus(ref, state, u.offset(), u.total()));
        }
        return statuses;
    }
}
