package io.jcontainerd.core.filters;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code fieldpath[operator value]} term of a filter.
 *
 * <p>Semantics are upstream's: {@link Operator#PRESENT} asks whether the field is present;
 * {@link Operator#EQUAL} needs it present and equal; {@link Operator#NOT_EQUAL} and
 * {@link Operator#MATCHES} compare the field's value, taken as {@code ""} when absent, so
 * {@code name!=foo} matches objects without a name and {@code name~=^$} matches them too. A
 * {@code ~=} value that is not a valid Go regular expression is not a parse error upstream; such
 * a selector never matches and a warning is logged.
 *
 * @param fieldpath the path, unquoted, at least one element
 * @param operator how the field is compared
 * @param value the operand, unquoted; {@code ""} for {@link Operator#PRESENT}
 */
public record Selector(List<String> fieldpath, Operator operator, String value) implements Filter {
    /** Validates and copies. */
    public Selector {
        fieldpath = List.copyOf(fieldpath);
        if (fieldpath.isEmpty()) {
            throw new IllegalArgumentException("selector needs a field path");
        }
        Objects.requireNonNull(operator, "operator");
        value = value == null ? "" : value;
    }

    /**
     * A bare field path.
     *
     * @param fieldpath the field
     * @return a selector that tests for the presence of {@code fieldpath}
     */
    public static Selector present(List<String> fieldpath) {
        return new Selector(fieldpath, Operator.PRESENT, "");
    }

    @Override
    public boolean match(Adaptor adaptor) {
        Optional<String> field = adaptor.field(fieldpath);
        if (field == null) {
            field = Optional.empty();
        }
        String actual = field.orElse("");
        return switch (operator) {
            case PRESENT -> field.isPresent();
            case EQUAL -> field.isPresent() && actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case MATCHES -> GoRegexp.cached(value).matches(actual);
        };
    }
}
