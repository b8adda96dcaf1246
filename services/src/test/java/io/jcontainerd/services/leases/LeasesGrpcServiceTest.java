package io.jcontainerd.services.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import containerd.services.leases.v1.LeasesGrpc;
import containerd.services.leases.v1.LeasesOuterClass.AddResourceRequest;
import containerd.services.leases.v1.LeasesOuterClass.CreateRequest;
import containerd.services.leases.v1.LeasesOuterClass.DeleteRequest;
import containerd.services.leases.v1.LeasesOuterClass.DeleteResourceRequest;
import containerd.services.leases.v1.LeasesOuterClass.Lease;
import containerd.services.leases.v1.LeasesOuterClass.ListRequest;
import containerd.services.leases.v1.LeasesOuterClass.ListResourcesRequest;
import containerd.services.leases.v1.LeasesOuterClass.Resource;
import io.grpc.ManagedChannel;
import io.jcontainerd.core.gc.GcScheduler;
import io.jcontainerd.plugins.content.local.LocalContentStore;
import io.jcontainerd.plugins.gc.SchedulerConfig;
import io.jcontainerd.plugins.metadata.Metadata;
import io.jcontainerd.plugins.metadata.MetadataConfig;
import io.jcontainerd.plugins.metadata.MetadataPlugin;
import io.jcontainerd.services.grpc.InProcessGrpc;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Leases API end to end in-process: proto in, SQLite store, status codes out. */
class LeasesGrpcServiceTest {
    private static final String BLOB = "sha256:" + "f".repeat(64);

    @TempDir
    Path dir;
    Metadata metadata;
    GcScheduler gc;
    InProcessGrpc grpc;
    ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        metadata = MetadataPlugin.open(dir.resolve("meta.sqlite"), MetadataConfig.defaults(),
                new LocalContentStore(dir.resolve("content")));
        gc = new GcScheduler(metadata.collector(), SchedulerConfig.defaults().schedule(), message -> { }).start();
        var service = new LeasesGrpcService(new LeasesService(metadata.leases(), gc));
        grpc = InProcessGrpc.serve(service);
        channel = grpc.channel();
    }

    @AfterEach
    void stop() throws InterruptedException {
        grpc.close();
        gc.close();
        metadata.close();
    }

    private LeasesGrpc.LeasesBlockingStub api(String namespace) {
        return LeasesGrpc.newBlockingStub(channel).withInterceptors(InProcessGrpc.namespace(namespace));
    }

    private static Resource resource(String id, String type) {
        return Resource.newBuilder().setId(id).setType(type).build();
    }

    @Test
    void create_list_delete() {
        var api = api("default");
        Instant before = Instant.now();
        Lease created = api.create(CreateRequest.newBuilder().setId("l1").putLabels("a", "1").putLabels("gone", "")
                .build()).getLease();
        assertThat(created.getId()).isEqualTo("l1");
        assertThat(created.getLabelsMap()).containsExactly(Map.entry("a", "1"));
        assertThat(Instant.ofEpochSecond(created.getCreatedAt().getSeconds(), created.getCreatedAt().getNanos()))
                .isBetween(before, Instant.now());

        String generated = api.create(CreateRequest.getDefaultInstance()).getLease().getId();
        assertThat(generated).matches("\\d+-[A-Za-z0-9_-]{4}");

        assertThat(api.list(ListRequest.getDefaultInstance()).getLeasesList()).extracting(Lease::getId)
                .containsExactlyInAnyOrder("l1", generated);
        assertThat(api.list(ListRequest.newBuilder().addFilters("labels.a==1").build()).getLeasesList())
                .containsExactly(created);

        api.delete(DeleteRequest.newBuilder().setId("l1").setSync(true).build());
        assertThat(api.list(ListRequest.getDefaultInstance()).getLeasesList()).extracting(Lease::getId)
                .containsExactly(generated);
    }

    @Test
    void resources() {
        var api = api("default");
        api.create(CreateRequest.newBuilder().setId("pull").build());
        api.addResource(AddResourceRequest.newBuilder().setId("pull").setResource(resource("snap", "snapshots/native")).build());
        api.addResource(AddResourceRequest.newBuilder().setId("pull").setResource(resource(BLOB, "content")).build());
        assertThat(api.listResources(ListResourcesRequest.newBuilder().setId("pull").build()).getResourcesList())
                .containsExactly(resource(BLOB, "content"), resource("snap", "snapshots/native"));
        api.deleteResource(DeleteResourceRequest.newBuilder().setId("pull").setResource(resource(BLOB, "content")).build());
        assertThat(api.listResources(ListResourcesRequest.newBuilder().setId("pull").build()).getResourcesList())
                .containsExactly(resource("snap", "snapshots/native"));
    }

    @Test
    void every_call_is_namespaced() {
        api("a").create(CreateRequest.newBuilder().setId("mine").build());
        assertThat(api("b").list(ListRequest.getDefaultInstance()).getLeasesList()).isEmpty();
        var anonymous = LeasesGrpc.newBlockingStub(channel);
        assertThatThrownBy(() -> anonymous.list(ListRequest.getDefaultInstance()))
                .hasMessage("FAILED_PRECONDITION: namespace is required: failed precondition");
        assertThatThrownBy(() -> anonymous.create(CreateRequest.getDefaultInstance()))
                .hasMessage("FAILED_PRECONDITION: namespace is required: failed precondition");
    }

    @Test
    void errors_carry_containerds_codes_and_messages() {
        var api = api("default");
        api.create(CreateRequest.newBuilder().setId("dup").build());
        assertThatThrownBy(() -> api.create(CreateRequest.newBuilder().setId("dup").build()))
                .hasMessage("ALREADY_EXISTS: lease \"dup\": already exists");
        assertThatThrownBy(() -> api.create(CreateRequest.newBuilder().setId("x").putLabels("", "v").build()))
                .hasMessage("UNKNOWN: failed to set label \"\"=\"v\": key required");
        assertThatThrownBy(() -> api.delete(DeleteRequest.newBuilder().setId("ghost").build()))
                .hasMessage("NOT_FOUND: lease \"ghost\": not found");
        assertThatThrownBy(() -> api.list(ListRequest.newBuilder().addFilters("id==").build()))
                .hasMessage("INVALID_ARGUMENT: filters: parse error: [id==]: expected value or quoted: "
                        + "invalid argument: invalid argument");
        assertThatThrownBy(() -> api.addResource(AddResourceRequest.newBuilder().setId("dup")
                .setResource(resource("x", "images")).build()))
                .hasMessage("UNIMPLEMENTED: resource type images not supported yet: not implemented");
        assertThatThrownBy(() -> api.listResources(ListResourcesRequest.newBuilder().setId("ghost").build()))
                .hasMessage("NOT_FOUND: lease \"ghost\": not found");
    }

    @Test
    void a_sync_delete_answers_after_the_collection_removed_what_the_lease_alone_held() throws Exception {
        var api = api("default");
        api.create(CreateRequest.newBuilder().setId("pull").build());
        byte[] data = "layer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Digest digest;
        try (Writer w = metadata.content().in("default", Optional.of("pull")).writer("layer", data.length, null)) {
            w.write(ByteBuffer.wrap(data));
            w.commit(data.length, null, Map.of());
            digest = w.digest();
        }
        gc.collectAndWait();
        assertThat(metadata.content().in("default").info(digest).size()).isEqualTo(data.length);

        api.delete(DeleteRequest.newBuilder().setId("pull").setSync(true).build());

        assertThatThrownBy(() -> metadata.content().in("default").info(digest)).isInstanceOf(ErrdefsException.class);
        assertThat(Files.exists(dir.resolve("content/blobs/sha256").resolve(digest.hex()))).isFalse();
    }
}
