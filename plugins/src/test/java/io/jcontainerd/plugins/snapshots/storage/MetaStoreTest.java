package io.jcontainerd.plugins.snapshots.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Usage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaStoreTest {
    @TempDir
    Path dir;
    MetaStore store;

    @BeforeEach
    void open() throws IOException {
        store = MetaStore.open(dir.resolve("metadata.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Snapshot create(Kind kind, String key, String parent) throws IOException {
        return store.write(tx -> tx.createSnapshot(kind, key, parent, Map.of("k", key)));
    }

    private void commit(String key, String name) throws IOException {
        store.write(tx -> tx.commitActive(key, name, new Usage(3, 4096), Map.of()));
    }

    @Test
    void a_snapshot_knows_its_ancestors_nearest_first() throws IOException {
        assertThat(create(Kind.ACTIVE, "a", "")).isEqualTo(new Snapshot("1", Kind.ACTIVE, List.of()));
        commit("a", "c1");
        create(Kind.ACTIVE, "b", "c1");
        commit("b", "c2");
        create(Kind.ACTIVE, "c", "c2");
        commit("c", "c3");

        assertThat(create(Kind.VIEW, "v", "c3")).isEqualTo(new Snapshot("4", Kind.VIEW, List.of("3", "2", "1")));
        Snapshot view = store.read(tx -> tx.getSnapshot("v"));
        assertThat(view).isEqualTo(new Snapshot("4", Kind.VIEW, List.of("3", "2", "1")));
        Map<String, String> ids = store.read(Transaction::idMap);
        assertThat(ids).isEqualTo(Map.of("1", "c1", "2", "c2", "3", "c3", "4", "v"));
    }

    @Test
    void commit_keeps_the_id_and_parent_stamps_the_time_replaces_labels_and_records_usage() throws IOException {
        create(Kind.ACTIVE, "base-a", "");
        commit("base-a", "base");
        create(Kind.ACTIVE, "a", "base");
        StoredInfo before = store.read(tx -> tx.getInfo("a"));

        String id = store.write(tx -> tx.commitActive("a", "c", new Usage(7, 8192), Map.of("new", "label", "empty", "")));

        StoredInfo after = store.read(tx -> tx.getInfo("c"));
        assertThat(id).isEqualTo(before.id()).isEqualTo(after.id());
        assertThat(after.info().parent()).isEqualTo("base");
        assertThat(after.info().kind()).isEqualTo(Kind.COMMITTED);
        assertThat(after.info().labels()).isEqualTo(Map.of("new", "label"));
        assertThat(after.info().created()).isAfterOrEqualTo(before.info().created()).isEqualTo(after.info().updated());
        assertThat(after.usage()).isEqualTo(new Usage(7, 8192));
        assertThat(before.usage()).isEqualTo(Usage.ZERO);
    }

    @Test
    void a_failed_write_leaves_nothing_behind() {
        assertThatThrownBy(() -> store.write(tx -> {
            tx.createSnapshot(Kind.ACTIVE, "doomed", "", Map.of("a", "b"));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThatThrownBy(() -> store.read(tx -> tx.getInfo("doomed")))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void only_active_and_view_snapshots_can_be_created() {
        for (Kind kind : List.of(Kind.COMMITTED, Kind.UNKNOWN)) {
            assertThatThrownBy(() -> create(kind, "x", ""))
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                    .hasMessage("snapshot type " + kind + " invalid; only snapshots of type Active or View can be created:"
                            + " invalid argument");
        }
    }

    @Test
    void walk_lists_in_bytewise_key_order_with_labels() throws IOException {
        for (String key : List.of("b", "a", "Z", "é")) {
            create(Kind.ACTIVE, key, "");
        }
        List<Info> infos = store.read(tx -> tx.walkInfo(i -> true));
        assertThat(infos).extracting(Info::name).containsExactly("Z", "a", "b", "é");
        assertThat(infos).extracting(Info::labels).containsExactly(Map.of("k", "Z"), Map.of("k", "a"), Map.of("k", "b"),
                Map.of("k", "é"));
        List<Info> onlyA = store.read(tx -> tx.walkInfo(i -> i.name().equals("a")));
        assertThat(onlyA).hasSize(1);
    }

    @Test
    void records_survive_reopening() throws IOException {
        create(Kind.ACTIVE, "a", "");
        commit("a", "c");
        store.close();
        store = MetaStore.open(dir.resolve("metadata.db"));
        assertThat(store.read(tx -> tx.getInfo("c")).usage()).isEqualTo(new Usage(3, 4096));
        assertThat(create(Kind.ACTIVE, "next", "c").id()).isEqualTo("2");
    }
}
