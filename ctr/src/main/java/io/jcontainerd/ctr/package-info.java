/**
 * jctr, a ctr-compatible command line client: {@link io.jcontainerd.ctr.Main} starts
 * {@link io.jcontainerd.ctr.CtrApp}, which parses with picocli and answers help, version and
 * usage errors like ctr before running a command from {@code io.jcontainerd.ctr.commands}.
 */
package io.jcontainerd.ctr;
