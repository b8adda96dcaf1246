package io.jcontainerd.services.streaming;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.streaming.StreamManager;
import io.jcontainerd.core.types.TypedValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code io.containerd.streaming.v1 manager}: streams by (namespace, name), in memory, as
 * upstream's plugins/streaming. A stream leaves the registry when whoever holds it closes it.
 */
public final class StreamRegistry implements StreamManager {
    public static final String ID = "manager";

    private final Map<Key, Stream> streams = new ConcurrentHashMap<>();

    private record Key(String namespace, String name) {
    }

    public static Registration<StreamRegistry> registration() {
        return Registration.of(PluginTypes.STREAMING, ID, List.of(), ctx -> new StreamRegistry());
    }

    @Override
    public void register(String namespace, String name, Stream stream) {
        Key key = new Key(namespace, name);
        if (streams.putIfAbsent(key, new Registered(key, stream)) != null) {
            throw Errdefs.alreadyExists("stream " + Errdefs.quote(name));
        }
    }

    @Override
    public Stream get(String namespace, String name) {
        Stream stream = streams.get(new Key(namespace, name));
        if (stream == null) {
            throw Errdefs.notFound("stream " + Errdefs.quote(name));
        }
        return stream;
    }

    /** The registered form: closing it also takes it out of the registry. */
    private final class Registered implements Stream {
        private final Key key;
        private final Stream stream;

        Registered(Key key, Stream stream) {
            this.key = key;
            this.stream = stream;
        }

        @Override
        public void send(TypedValue message) throws IOException {
            stream.send(message);
        }

        @Override
        public TypedValue recv() throws IOException, InterruptedException {
            return stream.recv();
        }

        @Override
        public void close() {
            streams.remove(key, this);
            stream.close();
        }
    }
}
