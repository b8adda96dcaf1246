package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.ProcessResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code snapshots} driven by Debian's ctr against both daemons, on each snapshotter: prepare,
 * view, commit, list, info, label, tree, mounts (paths under the daemon's root read alike),
 * usage and remove, with containerd's errors. Ages and padding differ between the sides and are
 * normalised away.
 */
class SnapshotsParityIT extends DaemonParityBase {
    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }

    private static String normalized(String text) {
        return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>").replaceAll("[ \t]+", " ");
    }

    private ProcessResult snapshots(String snapshotter, String... args) {
        String[] command = new String[args.length + 5];
        command[0] = "-n";
        command[1] = "sp-" + (snapshotter.isEmpty() ? "default" : snapshotter);
        command[2] = "snapshots";
        command[3] = "--snapshotter";
        command[4] = snapshotter;
        System.arraycopy(args, 0, command, 5, args.length);
        return parity.assertSame(SnapshotsParityIT::normalized, command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlayfs", "native"})
    void lifecycle(String sn) {
        parity.collectGarbageOnBoth();
        assertThat(snapshots(sn, "prepare", "base-active", "").exitCode()).isZero();
        snapshots(sn, "prepare", "--mounts", "other", "");
        snapshots(sn, "prepare", "base-active", "");
        snapshots(sn, "commit", "base", "base-active");
        snapshots(sn, "commit", "base", "other");
        snapshots(sn, "commit", "x", "absent");
        snapshots(sn, "prepare", "--mounts", "child", "base");
        snapshots(sn, "view", "--mounts", "look", "base");
        snapshots(sn, "prepare", "orphan", "absent");
        snapshots(sn, "ls");
        snapshots(sn, "info", "base");
        snapshots(sn, "info", "absent");
        // not compared: ctr prints the labels in Go's random map order; info shows them sorted
        parity.ctrOnBoth("-n", "sp-" + sn, "snapshots", "--snapshotter", sn, "label", "base", "team=infra");
        snapshots(sn, "info", "base");
        snapshots(sn, "label", "base", "team=");
        snapshots(sn, "tree");
        snapshots(sn, "mounts", "/mnt", "child");
        snapshots(sn, "mounts", "/mnt", "look");
        snapshots(sn, "usage");
        snapshots(sn, "usage", "base");
        snapshots(sn, "rm", "base");
        snapshots(sn, "rm", "child", "look", "other");
        snapshots(sn, "rm", "absent");
        snapshots(sn, "rm", "base");
        snapshots(sn, "ls");
        parity.collectGarbageOnBoth();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zfs", ""})
    void unknownSnapshotter(String sn) {
        snapshots(sn, "ls");
        snapshots(sn, "prepare", "k", "");
    }
}
