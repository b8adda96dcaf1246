/** Client-side process IO as containerd's {@code cio}: FIFOs, null IO, log URIs and the copying between them and local streams. */
package io.jcontainerd.client.cio;
