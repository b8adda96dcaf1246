package io.jcontainerd.ctr.commands.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.core.snapshots.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotsTextTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456789Z");

    private static Info info(Kind kind, String name, String parent) {
        return new Info(kind, name, parent, Map.of(), T, T);
    }

    @Test
    void listAlignsColumnsWithSpaces() {
        assertThat(SnapshotsText.list(List.of(info(Kind.COMMITTED, "base", ""), info(Kind.ACTIVE, "a-longer-key", "base"))))
                .isEqualTo("""
                        KEY          PARENT KIND     \s
                        base                Committed\s
                        a-longer-key base   Active   \s
                        """);
    }

    @Test
    void usageTable() {
        assertThat(SnapshotsText.usage(List.of(new SnapshotsText.UsageRow("k", "4.0 KiB", 1))))
                .isEqualTo("KEY SIZE    INODES \nk   4.0 KiB 1      \n");
    }

    @Test
    void mountCommandsJoinTheOptions() {
        assertThat(SnapshotsText.mountCommands("/mnt", List.of(
                new Mount("overlay", "overlay", "", List.of("workdir=/w", "upperdir=/u", "lowerdir=/l")),
                new Mount("bind", "/src", "", List.of()))))
                .isEqualTo("mount -t overlay overlay /mnt -o workdir=/w,upperdir=/u,lowerdir=/l\n"
                        + "mount -t bind /src /mnt -o \n");
    }

    @Test
    void treePlacesChildrenUnderParentsSeenLater() {
        SnapshotTree tree = new SnapshotTree();
        tree.add(info(Kind.ACTIVE, "child", "base"));
        tree.add(info(Kind.COMMITTED, "other", ""));
        tree.add(info(Kind.COMMITTED, "base", ""));
        tree.add(info(Kind.VIEW, "grandchild", "mid"));
        tree.add(info(Kind.COMMITTED, "mid", "base"));
        tree.add(info(Kind.VIEW, "orphan", "gone"));
        // placeholders keep the position where a parent was first named
        assertThat(tree.render()).isEqualTo("""
                 base
                  \\_ child
                  \\_ mid
                    \\_ grandchild
                 other
                 gone
                  \\_ orphan
                """);
    }

    @Test
    void infoJsonOmitsAnEmptyParentAndLabels() {
        assertThat(SnapshotJson.info(info(Kind.ACTIVE, "k", ""))).isEqualTo("""
                {
                    "Kind": "Active",
                    "Name": "k",
                    "Created": "2026-01-02T03:04:05.123456789Z",
                    "Updated": "2026-01-02T03:04:05.123456789Z"
                }""");
    }

    @Test
    void infoJsonSortsAndEscapesLabels() {
        Info info = new Info(Kind.COMMITTED, "n<1>", "p", Map.of("z", "1", "a&b", "\"q\"\n", "é", "x"),
                Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:05.5Z"));
        assertThat(SnapshotJson.info(info)).isEqualTo("""
                {
                    "Kind": "Committed",
                    "Name": "n\\u003c1\\u003e",
                    "Parent": "p",
                    "Labels": {
                        "a\\u0026b": "\\"q\\"\\n",
                        "z": "1",
                        "é": "x"
                    },
                    "Created": "2026-01-02T03:04:05Z",
                    "Updated": "2026-01-02T03:04:05.5Z"
                }""");
    }

    @Test
    void mountsJson() {
        assertThat(SnapshotJson.mounts(List.of())).isEqualTo("[]");
        assertThat(SnapshotJson.mounts(List.of(new Mount("bind", "/s", "", List.of("rbind", "ro")),
                new Mount("tmpfs", "none", "", List.of())))).isEqualTo("""
                [
                    {
                        "Type": "bind",
                        "Source": "/s",
                        "Options": [
                            "rbind",
                            "ro"
                        ]
                    },
                    {
                        "Type": "tmpfs",
                        "Source": "none",
                        "Options": null
                    }
                ]""");
    }
}
