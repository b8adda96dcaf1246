/**
 * Parity with Debian's ctr 1.6 on Debian's containerd: the same arguments must print the same
 * stdout and stderr and exit alike when jctr replaces ctr, when our daemon replaces containerd,
 * or both. Each side has its own daemon, so commands that change state run in lockstep.
 */
package io.jcontainerd.it.parity;
