package io.jcontainerd.sys.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When and how an overlay's lower directories are made relative, as containerd's {@code compactLowerdirOption}. */
class CompactedLowerdirsTest {
    private static final String SNAPSHOTS = "/var/lib/jcontainerd/io.containerd.snapshotter.v1.overlayfs/snapshots/";

    private static List<String> overlayOptions(int layers) {
        List<String> lower = new ArrayList<>();
        for (int i = layers; i >= 1; i--) {
            lower.add(SNAPSHOTS + i + "/fs");
        }
        return List.of("index=off", "lowerdir=" + String.join(":", lower), "workdir=" + SNAPSHOTS + "99/work",
                "upperdir=" + SNAPSHOTS + "99/fs");
    }

    @Test
    void optionsThatFitAPageStayAsTheyAre() {
        assertThat(CompactedLowerdirs.of("overlay", overlayOptions(10))).isEmpty();
        assertThat(CompactedLowerdirs.of("bind", overlayOptions(80))).isEmpty();
    }

    @Test
    void longLowerdirListsBecomeRelativeToTheSnapshotsDirectoryAndMoveLast() {
        CompactedLowerdirs compacted = CompactedLowerdirs.of("overlay", overlayOptions(80)).orElseThrow();
        // the common prefix ".../snapshots/" is cut back to its directory, never to ".../snapshots/1"
        assertThat(compacted.directory()).isEqualTo(SNAPSHOTS);
        assertThat(compacted.options()).hasSize(4);
        assertThat(compacted.options().subList(0, 3)).containsExactly("index=off", "workdir=" + SNAPSHOTS + "99/work",
                "upperdir=" + SNAPSHOTS + "99/fs");
        String lowerdir = compacted.options().getLast();
        assertThat(lowerdir).startsWith("lowerdir=80/fs:79/fs:").endsWith(":10/fs:9/fs:8/fs:7/fs:6/fs:5/fs:4/fs:3/fs:2/fs:1/fs");
        assertThat(String.join(",", compacted.options()).length()).isLessThan(4096 - 512);
    }

    @Test
    void directoriesWithNothingInCommonButTheRootAreLeftAlone() {
        List<String> lower = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lower.add("/a" + i + "/fs");
        }
        assertThat(CompactedLowerdirs.of("overlay", List.of("lowerdir=" + String.join(":", lower)))).isEmpty();
    }
}
