package io.jcontainerd.services.namespaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import containerd.services.namespaces.v1.NamespaceOuterClass.CreateNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.DeleteNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.GetNamespaceRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.ListNamespacesRequest;
import containerd.services.namespaces.v1.NamespaceOuterClass.Namespace;
import containerd.services.namespaces.v1.NamespaceOuterClass.UpdateNamespaceRequest;
import containerd.services.namespaces.v1.NamespacesGrpc;
import com.google.protobuf.Message;
import containerd.events.Namespace.NamespaceCreate;
import containerd.events.Namespace.NamespaceDelete;
import containerd.events.Namespace.NamespaceUpdate;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.jcontainerd.core.events.EventEnvelope;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.core.events.Exchange;
import io.jcontainerd.core.events.PayloadFields;
import io.jcontainerd.core.events.SubscriberLimits;
import io.jcontainerd.core.events.Subscription;
import io.jcontainerd.plugins.metadata.MetadataDatabase;
import io.jcontainerd.plugins.metadata.SqliteNamespaceStore;
import io.jcontainerd.services.grpc.InProcessGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Namespaces API end to end in-process: proto in, SQLite store, status codes out. */
class NamespacesGrpcServiceTest {
    @TempDir
    Path dir;
    MetadataDatabase db;
    InProcessGrpc grpc;
    ManagedChannel channel;
    NamespacesGrpc.NamespacesBlockingStub api;
    NamespacesGrpc.NamespacesBlockingStub withoutNamespace;
    Exchange exchange = new Exchange(PayloadFields.NONE, SubscriberLimits.DEFAULT);
    Subscription events = exchange.subscribe(List.of());

    @BeforeEach
    void start() throws Exception {
        db = MetadataDatabase.open(dir.resolve("meta.sqlite"));
        var service = new NamespacesGrpcService(new NamespacesService(new SqliteNamespaceStore(db, List.of()), exchange));
        grpc = InProcessGrpc.serve(service);
        channel = grpc.channel();
        withoutNamespace = NamespacesGrpc.newBlockingStub(channel);
        api = withoutNamespace.withInterceptors(InProcessGrpc.namespace("caller"));
    }

    @AfterEach
    void stop() {
        grpc.close();
        db.close();
        exchange.close();
    }

    private static Namespace ns(String name, Map<String, String> labels) {
        return Namespace.newBuilder().setName(name).putAllLabels(labels).build();
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
        return Status.Code.OK;
    }

    @Test
    void create_get_list_update_delete() {
        api.create(CreateNamespaceRequest.newBuilder().setNamespace(ns("a", Map.of("x", "1"))).build());
        api.create(CreateNamespaceRequest.newBuilder().setNamespace(ns("b", Map.of())).build());
        assertThat(api.list(ListNamespacesRequest.getDefaultInstance()).getNamespacesList())
                .containsExactly(ns("a", Map.of("x", "1")), ns("b", Map.of()));

        // with a mask only the named label changes; a masked key absent from the request is removed
        api.update(UpdateNamespaceRequest.newBuilder().setNamespace(ns("a", Map.of("y", "2")))
                .setUpdateMask(FieldMask.newBuilder().addPaths("labels.y").addPaths("labels.x")).build());
        assertThat(api.get(GetNamespaceRequest.newBuilder().setName("a").build()).getNamespace().getLabelsMap())
                .containsExactly(Map.entry("y", "2"));

        // without a mask the labels are replaced
        api.update(UpdateNamespaceRequest.newBuilder().setNamespace(ns("a", Map.of("z", "3"))).build());
        assertThat(api.get(GetNamespaceRequest.newBuilder().setName("a").build()).getNamespace().getLabelsMap())
                .containsExactly(Map.entry("z", "3"));

        api.delete(DeleteNamespaceRequest.newBuilder().setName("a").build());
        assertThat(api.list(ListNamespacesRequest.getDefaultInstance()).getNamespacesList())
                .extracting(Namespace::getName).containsExactly("b");
    }

    @Test
    void errors_carry_containerds_codes_and_messages() {
        api.create(CreateNamespaceRequest.newBuilder().setNamespace(ns("dup", Map.of())).build());
        assertThatThrownBy(() -> api.create(CreateNamespaceRequest.newBuilder().setNamespace(ns("dup", Map.of())).build()))
                .hasMessage("ALREADY_EXISTS: namespace \"dup\": already exists");
        assertThat(codeOf(() -> api.create(CreateNamespaceRequest.newBuilder().setNamespace(ns("no/slash", Map.of())).build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThatThrownBy(() -> api.delete(DeleteNamespaceRequest.newBuilder().setName("ghost").build()))
                .hasMessage("NOT_FOUND: namespace \"ghost\": not found");
        assertThatThrownBy(() -> api.update(UpdateNamespaceRequest.newBuilder().setNamespace(ns("dup", Map.of()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build()))
                .hasMessage("INVALID_ARGUMENT: cannot update \"name\" field");
    }

    @Test
    void changes_publish_upstreams_events() throws Exception {
        api.create(CreateNamespaceRequest.newBuilder().setNamespace(ns("ev", Map.of("a", "1"))).build());
        api.update(UpdateNamespaceRequest.newBuilder().setNamespace(ns("ev", Map.of("b", "")))
                .setUpdateMask(FieldMask.newBuilder().addPaths("labels.b")).build());
        api.delete(DeleteNamespaceRequest.newBuilder().setName("ev").build());

        assertEvent("caller", "/namespaces/create", NamespaceCreate.newBuilder().setName("ev").putLabels("a", "1").build());
        // the request's labels, even the empty value that removed a label
        assertEvent("caller", "/namespaces/update", NamespaceUpdate.newBuilder().setName("ev").putLabels("b", "").build());
        // the delete event goes to the deleted namespace
        assertEvent("ev", "/namespaces/delete", NamespaceDelete.newBuilder().setName("ev").build());
        assertThat(events.poll(Duration.ZERO)).isEmpty();
    }

    @Test
    void failed_changes_publish_nothing() throws Exception {
        assertThat(codeOf(() -> api.delete(DeleteNamespaceRequest.newBuilder().setName("ghost").build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(events.poll(Duration.ZERO)).isEmpty();
    }

    @Test
    void without_a_namespace_the_change_happens_but_the_call_fails_as_upstream() throws Exception {
        assertThatThrownBy(() -> withoutNamespace.create(CreateNamespaceRequest.newBuilder()
                .setNamespace(ns("orphan", Map.of())).build()))
                .hasMessage("UNKNOWN: failed publishing event: namespace is required: failed precondition");
        assertThat(api.list(ListNamespacesRequest.getDefaultInstance()).getNamespacesList())
                .extracting(Namespace::getName).contains("orphan");
        assertThat(events.poll(Duration.ZERO)).isEmpty();
    }

    private void assertEvent(String namespace, String topic, Message payload) throws InterruptedException {
        EventEnvelope envelope = events.poll(Duration.ofSeconds(5)).orElseThrow();
        assertThat(envelope.namespace()).isEqualTo(namespace);
        assertThat(envelope.topic()).isEqualTo(topic);
        assertThat(envelope.event()).isEqualTo(new TypedValue(payload.getDescriptorForType().getFullName(),
                payload.toByteArray()));
    }
}
