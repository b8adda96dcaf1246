package io.jcontainerd.core.runtime;

import io.jcontainerd.core.types.TypedValue;

/** An exec: the OCI process spec and its stdio. */
public record ExecOpts(TypedValue spec, StdioPaths io) {
}
