package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.gc.Collectable;
import io.jcontainerd.core.gc.Collector;
import io.jcontainerd.core.gc.GcStats;
import io.jcontainerd.core.snapshots.Snapshotter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Garbage collection of the metadata database, as upstream's {@code DB.GarbageCollect}: in one
 * write transaction, mark from the roots across all namespaces and sweep the unreachable records;
 * once that is committed, let the blob store drop what no record keeps. In that order a crash or
 * a failed commit can leave a blob no record keeps (the next collection removes it), never a
 * record whose blob is gone.
 */
public final class MetadataCollector implements Collectable {
    private final MetadataDatabase db;
    private final BlobSweeper sweeper;
    private final SnapshotSweeper snapshotSweeper;
    private final List<GcObjects> tables;

    MetadataCollector(MetadataDatabase db, ContentStore blobs, Map<String, Snapshotter> snapshotters) {
        this.db = db;
        this.sweeper = new BlobSweeper(blobs);
        this.snapshotSweeper = new SnapshotSweeper(snapshotters);
        this.tables = List.of(new LeaseObjects(), new ImageObjects(), new ContainerObjects(), new ContentObjects(sweeper),
                new IngestObjects(sweeper), new SnapshotObjects(snapshotSweeper));
    }

    BlobSweeper sweeper() {
        return sweeper;
    }

    SnapshotSweeper snapshotSweeper() {
        return snapshotSweeper;
    }

    @Override
    public GcStats collect() {
        long start = System.nanoTime();
        int removed = db.write(c -> Collector.collect(new SqliteReferenceGraph(c, Instant.now(), tables)).size());
        // no commit may record a blob between the sweep's look and its deletes
        db.readExcludingWrites(sweeper::sweepIfDirty);
        snapshotSweeper.sweepDirty(db);
        return new GcStats(Duration.ofNanos(System.nanoTime() - start), removed);
    }

    @Override
    public void onMutation(MutationListener listener) {
        db.onMutation(listener::mutated);
    }
}
