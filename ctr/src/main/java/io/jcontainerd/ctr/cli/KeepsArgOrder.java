package io.jcontainerd.ctr.cli;

/**
 * Marks a command whose arguments urfave/cli does not reorder ({@code SkipArgReorder}): everything
 * after its first positional argument is an argument, even when it looks like a flag, so that
 * {@code run IMAGE ID sh -c ...} hands {@code -c} to the container's command.
 */
public interface KeepsArgOrder {
}
