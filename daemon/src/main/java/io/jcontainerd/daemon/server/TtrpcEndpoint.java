package io.jcontainerd.daemon.server;

import io.jcontainerd.core.plugin.PluginSet;
import io.jcontainerd.daemon.log.Log;
import io.jcontainerd.ttrpc.TtrpcServer;
import io.jcontainerd.ttrpc.TtrpcService;
import java.io.IOException;
import java.nio.file.Path;

/** The ttrpc socket shims call back on ({@code <address>.ttrpc}), serving every plugin's ttrpc services. */
public final class TtrpcEndpoint implements AutoCloseable {
    private final Path socket;
    private final TtrpcServer server;

    private TtrpcEndpoint(Path socket, TtrpcServer server) {
        this.socket = socket;
        this.server = server;
    }

    public static TtrpcEndpoint start(Path socket, int uid, int gid, PluginSet plugins) throws IOException {
        TtrpcServer server = new TtrpcServer();
        plugins.instancesOf(TtrpcService.class).forEach(server::register);
        UnixSockets.prepare(socket);
        server.listen(socket);
        try {
            UnixSockets.secure(socket, uid, gid);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new TtrpcEndpoint(socket, server);
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            Log.warn("close ttrpc server", "error", String.valueOf(e.getMessage()));
        }
    }
}
