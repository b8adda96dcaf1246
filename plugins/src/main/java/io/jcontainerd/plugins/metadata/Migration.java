package io.jcontainerd.plugins.metadata;

import java.util.List;

/** One step of the schema: applied once, in order, inside the transaction that bumps the version. */
public record Migration(int version, String description, List<String> statements) {
    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1");
        }
        statements = List.copyOf(statements);
    }
}
