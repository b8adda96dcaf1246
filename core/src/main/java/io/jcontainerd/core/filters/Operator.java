package io.jcontainerd.core.filters;

/** The comparison of a {@link Selector}. {@link #toString()} gives upstream's spelling. */
public enum Operator {
    /** A bare field path: the field is present. */
    PRESENT("?"),
    /** {@code ==}: the field is present and equals the value. */
    EQUAL("=="),
    /** {@code !=}: the field's value (empty if absent) differs from the value. */
    NOT_EQUAL("!="),
    /** {@code ~=}: the value, a Go (RE2) regular expression, matches somewhere in the field's value (empty if absent). */
    MATCHES("~=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** {@return the operator as written in a filter; {@code "?"} for PRESENT, as upstream prints it} */
    public String symbol() {
        return symbol;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
