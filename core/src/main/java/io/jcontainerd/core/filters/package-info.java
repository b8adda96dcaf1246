/**
 * containerd's filter language, shared by every List API ({@code repeated string filters}) and
 * by event subscriptions: {@link io.jcontainerd.core.filters.Filters#parseAll(java.util.List)}
 * turns the strings into a {@link io.jcontainerd.core.filters.Filter}, which is matched against
 * objects through an {@link io.jcontainerd.core.filters.Adaptor}.
 *
 * <h2>Syntax</h2>
 * A filter string is one or more selectors separated by commas, all of which must match; the
 * strings of a request are alternatives, any of which may match; no strings match everything, as
 * does the empty string. A selector is
 * <pre>
 * fieldpath [operator value]
 * </pre>
 * <ul>
 *   <li>{@code fieldpath} is fields joined by {@code .}; a field is a run of
 *       {@code [A-Za-z0-9_]} or a double-quoted Go string ({@code labels."com.example/foo"}).
 *       Single quotes and backquotes are not quotes in containerd's scanner.</li>
 *   <li>Without an operator the selector asks whether the field is present
 *       ({@code labels.foo}).</li>
 *   <li>{@code ==} (present and equal), {@code !=} (not equal, an absent field being
 *       {@code ""}), {@code ~=} (the value is a Go regular expression that matches somewhere in the
 *       field, absent being {@code ""}).</li>
 *   <li>A value is either unquoted (after the operator, any run of visible characters except
 *       {@code ,}, e.g. {@code io.containerd.grpc.v1}, {@code linux/amd64}, {@code ^foo[0-9]+$},
 *       as long as it does not start with {@code / | " . ,} or an operator character), or a
 *       double-quoted Go string; for {@code ~=} also {@code /.../} or {@code |...|}, inside
 *       which the delimiter is escaped with a backslash ({@code name~=/^a\/b/}).</li>
 *   <li>White space may precede a field, an operator or a value, but not follow a selector:
 *       {@code "name==foo "} is an error upstream, and here.</li>
 * </ul>
 * There is no {@code ||}: {@code |} only delimits a regular expression.
 *
 * <h2>Compatibility</h2>
 * Semantics and error messages are containerd 1.6's ({@code filters.Parse}/{@code ParseAll}),
 * including byte positions in messages such as
 * {@code filters: parse error: [labels. >|?|< foo]: expected field or quoted}. Regular expressions
 * are parsed with Go's RE2 rules and run on {@link java.util.regex} (see {@code GoRegexp} for the
 * translation and its limits).
 */
package io.jcontainerd.core.filters;
