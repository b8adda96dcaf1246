package io.jcontainerd.registry.http;

import java.util.Map;

/** Go's {@code http.StatusText} for the codes registries answer with; java.net.http gives no reason phrase. */
public final class StatusText {
    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(206, "Partial Content"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"), Map.entry(411, "Length Required"), Map.entry(413, "Request Entity Too Large"),
            Map.entry(416, "Requested Range Not Satisfiable"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private StatusText() {
    }

    /** {@return the status line as Go's {@code resp.Status} has it, e.g. "404 Not Found"} */
    public static String status(int code) {
        String text = TEXT.get(code);
        return text == null ? String.valueOf(code) : code + " " + text;
    }
}
