/** {@code ctr content}: list, read, ingest, label and delete blobs, and show active ingests. */
package io.jcontainerd.ctr.commands.content;
