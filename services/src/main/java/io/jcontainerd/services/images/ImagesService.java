package io.jcontainerd.services.images;

import containerd.services.images.v1.Image.ImageCreate;
import containerd.services.images.v1.Image.ImageDelete;
import containerd.services.images.v1.Image.ImageUpdate;
import io.jcontainerd.core.events.Publisher;
import io.jcontainerd.core.gc.GcScheduler;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.images.NamespacedImageStore;
import io.jcontainerd.core.metadata.MetadataStore;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.services.events.EventProtos;
import java.util.List;

/**
 * {@code io.containerd.service.v1 images-service}: the metadata layer's images per namespace,
 * publishing {@code /images/create|update|delete}, and collecting garbage before answering a
 * {@code sync} delete.
 */
public final class ImagesService {
    public static final String ID = "images-service";
    private final NamespacedImageStore store;
    private final Publisher publisher;
    private final GcScheduler gc;

    public ImagesService(NamespacedImageStore store, Publisher publisher, GcScheduler gc) {
        this.store = store;
        this.publisher = publisher;
        this.gc = gc;
    }

    public static Registration<ImagesService> registration() {
        return Registration.of(PluginTypes.SERVICE, ID, List.of(PluginTypes.METADATA, PluginTypes.GC, PluginTypes.EVENT),
                ctx -> new ImagesService(ctx.plugins().single(PluginTypes.METADATA, MetadataStore.class).images(),
                        ctx.plugins().single(PluginTypes.EVENT, Publisher.class),
                        ctx.plugins().single(PluginTypes.GC, GcScheduler.class)));
    }

    public Image get(String namespace, String name) {
        return store.in(namespace).get(name);
    }

    public List<Image> list(String namespace, List<String> filters) {
        return store.in(namespace).list(filters);
    }

    public Image create(String namespace, Image image) {
        Image created = store.in(namespace).create(image);
        publisher.publish(namespace, "/images/create", EventProtos.payload(
                ImageCreate.newBuilder().setName(created.name()).putAllLabels(created.labels()).build()));
        return created;
    }

    public Image update(String namespace, Image image, List<String> fieldpaths) {
        Image updated = store.in(namespace).update(image, fieldpaths);
        publisher.publish(namespace, "/images/update", EventProtos.payload(
                ImageUpdate.newBuilder().setName(updated.name()).putAllLabels(updated.labels()).build()));
        return updated;
    }

    public void delete(String namespace, String name, boolean sync) throws InterruptedException {
        store.in(namespace).delete(name);
        publisher.publish(namespace, "/images/delete", EventProtos.payload(ImageDelete.newBuilder().setName(name).build()));
        if (sync) {
            gc.collectAndWait();
        }
    }
}
