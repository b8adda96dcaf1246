package io.jcontainerd.core.content;

/** A complete content store: read, write, inspect and manage ingests, like upstream's {@code content.Store}. */
public interface ContentStore extends Manager, Provider, IngestManager, Ingester {
}
