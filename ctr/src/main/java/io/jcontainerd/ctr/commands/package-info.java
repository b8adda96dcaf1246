/**
 * What every jctr command shares: the {@link io.jcontainerd.ctr.commands.CtrCommand} contract,
 * the per-run {@link io.jcontainerd.ctr.commands.CommandContext} (streams, logger, lazily dialed
 * client) and ctr's argument conventions. Each command group lives in a subpackage.
 */
package io.jcontainerd.ctr.commands;
