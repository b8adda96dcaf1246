package io.jcontainerd.ctr.commands.images;

import picocli.CommandLine.Option;

/** ctr's {@code --snapshotter} flag ({@code commands.SnapshotterFlags}); its environment variable is the app's. */
final class SnapshotterFlag {
    @Option(names = {"--snapshotter", "-snapshotter"}, description = "snapshotter name. Empty value stands for the default value.")
    String name = "";
}
