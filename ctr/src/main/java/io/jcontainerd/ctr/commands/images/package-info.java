/** {@code jctr images}: ctr's image commands. */
package io.jcontainerd.ctr.commands.images;
