package io.jcontainerd.ctr.commands;

import java.time.Duration;

/**
 * ctr's global flags, given before the command.
 *
 * @param timeout        deadline of each call; zero means none
 * @param connectTimeout zero means the client's default (10s)
 */
public record GlobalOptions(String address, String namespace, Duration timeout, Duration connectTimeout, boolean debug) {
}
