package io.jcontainerd.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on 127.0.0.1 in front of a plain-HTTP server that sends responses at a limited rate,
 * so a test can act in the middle of a download, and that notes the {@code Range} headers of the
 * requests it forwards. Closing stops it and its connections.
 */
public final class ThrottlingProxy implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("(?im)^Range: *bytes=(\\d+)-");
    private static final Pattern REQUEST_LINE = Pattern.compile("(?m)^(GET|HEAD|POST|PUT|PATCH|DELETE) (\\S+) HTTP/");
    private static final int CHUNK = 16 * 1024;

    private final ServerSocket server;
    private final int targetPort;
    private final long bytesPerSecond;
    private final List<Long> rangeStarts = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private ThrottlingProxy(ServerSocket server, int targetPort, long bytesPerSecond) {
        this.server = server;
        this.targetPort = targetPort;
        this.bytesPerSecond = bytesPerSecond;
    }

    public static ThrottlingProxy start(int targetPort, long bytesPerSecond) throws IOException {
        ThrottlingProxy proxy = new ThrottlingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                targetPort, bytesPerSecond);
        Thread.ofVirtual().name("proxy-accept").start(proxy::accept);
        return proxy;
    }

    /** {@return host:port of the proxy} */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** {@return the first byte of each ranged request forwarded, in order} */
    public List<Long> rangeStarts() {
        return List.copyOf(rangeStarts);
    }

    /** {@return the method and path of each request forwarded, in order} */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket target = new Socket()) {
            target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
            sockets.add(target);
            Thread upstream = Thread.ofVirtual().start(() -> forwardRequests(client, target));
            pump(target.getInputStream(), client.getOutputStream(), bytesPerSecond);
            upstream.interrupt();
        } catch (IOException e) {
            // either side went away: the other sees its connection closed
        }
    }

    private void forwardRequests(Socket client, Socket target) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = target.getOutputStream();
            byte[] buffer = new byte[CHUNK];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                Matcher range = RANGE.matcher(text);
                while (range.find()) {
                    rangeStarts.add(Long.parseLong(range.group(1)));
                }
                Matcher request = REQUEST_LINE.matcher(text);
                while (request.find()) {
                    requests.add(request.group(1) + " " + request.group(2));
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // connection closed
        } finally {
            closeQuietly(target);
        }
    }

    private static void pump(InputStream in, OutputStream out, long bytesPerSecond) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long start = System.nanoTime();
        long sent = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            out.flush();
            sent += n;
            long due = start + sent * 1_000_000_000L / bytesPerSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Cuts the connections in flight, as the death of the server's host would: the bytes a killed
     * server process had already written sit in loopback's socket buffers (megabytes) and would
     * otherwise still be delivered, so a small download could complete after the kill.
     */
    public void dropConnections() {
        List<Socket> open = List.copyOf(sockets);
        sockets.removeAll(open);
        open.forEach(ThrottlingProxy::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        sockets.forEach(ThrottlingProxy::closeQuietly);
    }
}
