package io.jcontainerd.daemon.aot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A registry that serves one small image (a one-file layer) over plain HTTP on loopback, for the
 * training pulls of the AOT caches: the daemon's ({@link PullTraining}) and jctr's (the dist
 * module's script runs this as a program; it prints the image's reference and serves until killed).
 */
public final class TrainingRegistry implements AutoCloseable {
    private static final String REPOSITORY = "aot/training";
    private static final String TAG = "latest";

    /** What a path under {@code /v2/<repository>/} answers. */
    private record Blob(String mediaType, String digest, byte[] bytes) {
        Blob(String mediaType, byte[] bytes) {
            this(mediaType, TrainingBlobs.digest(bytes), bytes);
        }

        String descriptor() {
            return "{\"mediaType\":\"%s\",\"digest\":\"%s\",\"size\":%d}".formatted(mediaType, digest, bytes.length);
        }
    }

    private final HttpServer server;

    private TrainingRegistry(HttpServer server) {
        this.server = server;
    }

    /** Serves the image on a free loopback port. */
    public static TrainingRegistry start() throws IOException {
        // laid out as a base image's layer is (directories, files, links): each kind of entry is applied by code of its own
        byte[] tar = TrainingBlobs.tar(List.of(TrainingBlobs.Entry.directory("bin/"), TrainingBlobs.Entry.directory("etc/"),
                TrainingBlobs.Entry.file("bin/aot-pull", 0755, "#!/bin/true\n".getBytes(StandardCharsets.UTF_8)),
                TrainingBlobs.Entry.symlink("bin/sh", "aot-pull"),
                TrainingBlobs.Entry.file("etc/aot-pull", 0644, "pulled\n".getBytes(StandardCharsets.UTF_8))));
        Blob layer = new Blob("application/vnd.oci.image.layer.v1.tar+gzip", TrainingBlobs.gzip(tar));
        Blob config = new Blob("application/vnd.oci.image.config.v1+json", """
                {"architecture":"%s","os":"linux","rootfs":{"type":"layers","diff_ids":["%s"]},"config":{}}"""
                .formatted(goArch(), TrainingBlobs.digest(tar)).getBytes(StandardCharsets.UTF_8));
        Blob manifest = new Blob("application/vnd.oci.image.manifest.v1+json", """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":%s,"layers":[%s]}"""
                .formatted(config.descriptor(), layer.descriptor()).getBytes(StandardCharsets.UTF_8));
        String base = "/v2/" + REPOSITORY + "/";
        Map<String, Blob> paths = Map.of(
                base + "manifests/" + TAG, manifest,
                base + "manifests/" + manifest.digest(), manifest,
                base + "blobs/" + manifest.digest(), manifest,
                base + "blobs/" + config.digest(), config,
                base + "blobs/" + layer.digest(), layer);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> answer(exchange, paths.get(exchange.getRequestURI().getPath())));
        server.start();
        return new TrainingRegistry(server);
    }

    private static void answer(HttpExchange exchange, Blob blob) throws IOException {
        try (exchange) {
            if (blob == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", blob.mediaType());
            exchange.getResponseHeaders().set("Docker-Content-Digest", blob.digest());
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, blob.bytes().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(blob.bytes());
            }
        }
    }

    private static String goArch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "aarch64" -> "arm64";
            case "x86_64" -> "amd64";
            default -> arch;
        };
    }

    /** {@return the image's reference, e.g. {@code 127.0.0.1:40123/aot/training:latest}} */
    public String reference() {
        return "127.0.0.1:" + server.getAddress().getPort() + "/" + REPOSITORY + ":" + TAG;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Prints the reference, then serves until the process is killed. */
    public static void main(String[] args) throws Exception {
        TrainingRegistry registry = start();
        System.out.println(registry.reference());
        System.out.flush();
        Thread.currentThread().join();
    }
}
