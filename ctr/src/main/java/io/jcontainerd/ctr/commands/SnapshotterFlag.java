package io.jcontainerd.ctr.commands;

import picocli.CommandLine.Option;

/**
 * ctr's {@code --snapshotter} flag ({@code commands.SnapshotterFlags}), mixed into the commands
 * that take it ({@code images}, the {@code snapshots} group and its {@code unpack},
 * {@code containers create}); its environment variable is the app's.
 */
public final class SnapshotterFlag {
    @Option(names = {"--snapshotter", "-snapshotter"}, description = "snapshotter name. Empty value stands for the default value.")
    public String name = "";
}
