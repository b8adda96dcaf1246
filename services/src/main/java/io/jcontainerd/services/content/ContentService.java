package io.jcontainerd.services.content;

import containerd.events.Content.ContentDelete;
import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.NamespacedContentStore;
import io.jcontainerd.core.events.Publisher;
import io.jcontainerd.core.metadata.MetadataStore;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.events.EventProtos;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code io.containerd.service.v1 content-service}: the metadata layer's namespaced content,
 * publishing {@code /content/delete} after a delete as upstream's service store does.
 */
public final class ContentService {
    public static final String ID = "content-service";
    private final NamespacedContentStore store;
    private final Publisher publisher;

    public ContentService(NamespacedContentStore store, Publisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    public static Registration<ContentService> registration() {
        return Registration.of(PluginTypes.SERVICE, ID, List.of(PluginTypes.EVENT, PluginTypes.METADATA),
                ctx -> new ContentService(ctx.plugins().single(PluginTypes.METADATA, MetadataStore.class).content(),
                        ctx.plugins().single(PluginTypes.EVENT, Publisher.class)));
    }

    /** {@return the content of {@code namespace} for a call under {@code lease}, for everything but delete} */
    public ContentStore in(String namespace, Optional<String> lease) {
        return store.in(namespace, lease);
    }

    public void delete(String namespace, Optional<String> lease, Digest digest) throws IOException {
        store.in(namespace, lease).delete(digest);
        publisher.publish(namespace, "/content/delete",
                EventProtos.payload(ContentDelete.newBuilder().setDigest(digest.toString()).build()));
    }
}
