/**
 * The command line the way ctr's urfave/cli v1 and Go's {@code flag} package present it: help
 * screens, {@code Incorrect Usage} errors and flag names ({@code -q}, {@code --q}, {@code -quiet}
 * and {@code --quiet} all work). picocli only parses; these classes speak.
 */
package io.jcontainerd.ctr.cli;
