package io.jcontainerd.core.filters;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry points of containerd's filter language ({@code github.com/containerd/containerd/filters}).
 *
 * <p>A filter string is a comma-separated list of selectors, all of which must match; a List
 * request carries several strings, any of which may match; no strings match everything. See the
 * {@linkplain io.jcontainerd.core.filters package documentation} for the syntax.
 */
public final class Filters {
    private static final Filter ALWAYS = new Filter.Always();

    private Filters() {
    }

    /** {@return the filter that matches everything} */
    public static Filter always() {
        return ALWAYS;
    }

    /**
     * Parses one filter string, like upstream's {@code filters.Parse}.
     *
     * @param filter the selectors, e.g. {@code labels."com.example.foo"==bar,name~=^foo}; the
     *     empty string matches everything
     * @return {@link #always()} for {@code ""}, otherwise an {@link Filter.All} of
     *     {@link Selector}s
     * @throws ErrdefsException {@link ErrorKind#INVALID_ARGUMENT} with upstream's message, e.g.
     *     {@code filters: parse error: [name==foo,]: expected field or quoted}
     */
    public static Filter parse(String filter) {
        if (filter.isEmpty()) {
            return ALWAYS;
        }
        try {
            return Parser.parse(filter);
        } catch (Parser.Failure e) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "filters: " + e.getMessage());
        }
    }

    /**
     * Parses the filters of a List request, like upstream's {@code filters.ParseAll}: the result
     * matches when any of them does.
     *
     * @param filters the filter strings; none (or null) gives {@link #always()}
     * @return {@link #always()} or an {@link Filter.Any} with one entry per string
     * @throws ErrdefsException {@link ErrorKind#INVALID_ARGUMENT} for the first string that does not
     *     parse, its message being {@link #parse}'s followed by {@code ": invalid argument"} (as
     *     upstream wraps {@code ErrInvalidArgument}); the {@link #parse} error is the cause
     */
    public static Filter parseAll(List<String> filters) {
        if (filters == null || filters.isEmpty()) {
            return ALWAYS;
        }
        List<Filter> parsed = new ArrayList<>(filters.size());
        for (String f : filters) {
            try {
                parsed.add(parse(f));
            } catch (ErrdefsException e) {
                throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT,
                        e.getMessage() + ": " + ErrorKind.INVALID_ARGUMENT.text(), e);
            }
        }
        return new Filter.Any(parsed);
    }

    /**
     * Varargs form of {@link #parseAll(List)}.
     *
     * @param filters the filter strings
     * @return the filter matching when any string's does
     */
    public static Filter parseAll(String... filters) {
        return parseAll(Arrays.asList(filters));
    }
}
