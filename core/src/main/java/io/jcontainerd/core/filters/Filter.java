package io.jcontainerd.core.filters;

import java.util.List;

/**
 * A parsed filter: a predicate over any object that an {@link Adaptor} exposes. Obtain one with
 * {@link Filters#parse(String)} or {@link Filters#parseAll(java.util.List)}; the variants are
 * plain values and may also be built directly.
 */
public sealed interface Filter permits Filter.Always, Filter.Any, Filter.All, Selector {
    /**
     * Tests one object.
     *
     * @param adaptor the object's fields
     * @return whether the object passes this filter
     */
    boolean match(Adaptor adaptor);

    /** Matches everything: the empty filter string, and an empty list of filters. */
    record Always() implements Filter {
        @Override
        public boolean match(Adaptor adaptor) {
            return true;
        }
    }

    /**
     * Matches when any of its filters does (the list of filter strings of a List request); empty matches nothing.
     *
     * @param filters the alternatives
     */
    record Any(List<Filter> filters) implements Filter {
        /** Copies {@code filters}. */
        public Any {
            filters = List.copyOf(filters);
        }

        @Override
        public boolean match(Adaptor adaptor) {
            for (Filter f : filters) {
                if (f.match(adaptor)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Matches when all of its filters do (the comma-separated selectors of one string); empty matches everything.
     *
     * @param filters the conditions
     */
    record All(List<Filter> filters) implements Filter {
        /** Copies {@code filters}. */
        public All {
            filters = List.copyOf(filters);
        }

        @Override
        public boolean match(Adaptor adaptor) {
            for (Filter f : filters) {
                if (!f.match(adaptor)) {
                    return false;
                }
            }
            return true;
        }
    }
}
