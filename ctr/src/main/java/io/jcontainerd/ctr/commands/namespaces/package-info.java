/** {@code jctr namespaces|namespace|ns}: create, list, label and remove namespaces. */
package io.jcontainerd.ctr.commands.namespaces;
