package io.jcontainerd.registry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted HTTP server on 127.0.0.1 for unit tests of the client's protocol handling: one
 * handler sees every request; each is logged as "METHOD path?query" with its headers kept.
 */
public final class FakeHttpServer implements AutoCloseable {
    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** What the server saw. */
    public record Seen(String method, String uri, com.sun.net.httpserver.Headers headers) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        @Override
        public String toString() {
            return method + " " + uri;
        }
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public FakeHttpServer(Handler handler) throws IOException {
        this(handler, null);
    }

    /** A server whose exchanges run on {@code executor}: each its own thread, so one that holds its connection does not hold the others. */
    public FakeHttpServer(Handler handler, java.util.concurrent.Executor executor) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), exchange.getRequestHeaders()));
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public List<String> requests() {
        return seen.stream().map(Seen::toString).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Sends {@code body} with {@code status}; for HEAD only the headers (with the body's length). */
    public static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public static void respond(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }
}
