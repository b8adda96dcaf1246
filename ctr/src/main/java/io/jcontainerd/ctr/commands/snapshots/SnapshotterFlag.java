package io.jcontainerd.ctr.commands.snapshots;

import picocli.CommandLine.Option;

/**
 * ctr's {@code --snapshotter} flag ({@code commands.SnapshotterFlags}): the group's, and
 * {@code unpack}'s own; its environment variable is the app's.
 */
final class SnapshotterFlag {
    @Option(names = {"--snapshotter", "-snapshotter"}, description = "snapshotter name. Empty value stands for the default value.")
    String name = "";
}
