package io.jcontainerd.services.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import containerd.services.content.v1.ContentGrpc;
import containerd.services.content.v1.ContentOuterClass.AbortRequest;
import containerd.services.content.v1.ContentOuterClass.DeleteContentRequest;
import containerd.services.content.v1.ContentOuterClass.Info;
import containerd.services.content.v1.ContentOuterClass.InfoRequest;
import containerd.services.content.v1.ContentOuterClass.ListContentRequest;
import containerd.services.content.v1.ContentOuterClass.ListStatusesRequest;
import containerd.services.content.v1.ContentOuterClass.ReadContentRequest;
import containerd.services.content.v1.ContentOuterClass.ReadContentResponse;
import containerd.services.content.v1.ContentOuterClass.StatusRequest;
import containerd.services.content.v1.ContentOuterClass.UpdateRequest;
import containerd.services.content.v1.ContentOuterClass.WriteAction;
import containerd.services.content.v1.ContentOuterClass.WriteContentRequest;
import containerd.services.content.v1.ContentOuterClass.WriteContentResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.plugins.content.local.LocalContentStore;
import io.jcontainerd.plugins.metadata.MetadataConfig;
import io.jcontainerd.plugins.metadata.MetadataPlugin;
import io.jcontainerd.services.grpc.InProcessGrpc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Content API end to end in-process: proto in, namespaced store on a local blob store, status codes out. */
class ContentGrpcServiceTest {
    private static final byte[] DATA = "hello content".getBytes(StandardCharsets.UTF_8);
    private static final String DIGEST = Digest.fromString("hello content").toString();

    @TempDir
    Path dir;
    io.jcontainerd.plugins.metadata.Metadata metadata;
    InProcessGrpc grpc;
    ManagedChannel channel;
    final List<String> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        metadata = MetadataPlugin.open(dir.resolve("meta.sqlite"), MetadataConfig.defaults(),
                new LocalContentStore(dir.resolve("content")));
        var service = new ContentGrpcService(new ContentService(metadata.content(),
                (namespace, topic, event) -> published.add(namespace + " " + topic + " " + event.typeUrl())));
        grpc = InProcessGrpc.serve(service);
        channel = grpc.channel();
    }

    @AfterEach
    void stop() {
        grpc.close();
        metadata.close();
    }


    private ContentGrpc.ContentBlockingStub api(String namespace) {
        return ContentGrpc.newBlockingStub(channel).withInterceptors(InProcessGrpc.namespace(namespace));
    }

    /** The answers to one Write call, and how it ended. */
    private record WriteResult(List<WriteContentResponse> responses, Status status) {
    }

    private WriteResult write(String namespace, WriteContentRequest... requests) throws Exception {
        return write(ContentGrpc.newStub(channel).withInterceptors(InProcessGrpc.namespace(namespace)), requests);
    }

    private WriteResult write(ContentGrpc.ContentStub stub, WriteContentRequest... requests) throws Exception {
        List<WriteContentResponse> responses = new CopyOnWriteArrayList<>();
        CompletableFuture<Status> end = new CompletableFuture<>();
        StreamObserver<WriteContentRequest> out = stub.write(new StreamObserver<>() {
            @Override
            public void onNext(WriteContentResponse r) {
                responses.add(r);
            }

            @Override
            public void onError(Throwable t) {
                end.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                end.complete(Status.OK);
            }
        });
        for (WriteContentRequest r : requests) {
            out.onNext(r);
        }
        out.onCompleted();
        return new WriteResult(responses, end.get(10, TimeUnit.SECONDS));
    }

    private static WriteContentRequest.Builder req(WriteAction action, String ref) {
        return WriteContentRequest.newBuilder().setAction(action).setRef(ref);
    }

    private static ByteString bytes(int from, int to) {
        return ByteString.copyFrom(Arrays.copyOfRange(DATA, from, to));
    }

    private List<Info> list(String namespace, String... filters) {
        List<Info> infos = new ArrayList<>();
        api(namespace).list(ListContentRequest.newBuilder().addAllFilters(List.of(filters)).build())
                .forEachRemaining(r -> infos.addAll(r.getInfoList()));
        return infos;
    }

    private static void assertStatus(Runnable call, Status.Code code, String description) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).isEqualTo(description);
        });
    }

    @Test
    void writeThenReadInfoAndList() throws Exception {
        WriteResult result = write("default",
                req(WriteAction.STAT, "r").build(),
                req(WriteAction.WRITE, "r").setData(bytes(0, 5)).build(),
                req(WriteAction.COMMIT, "r").setOffset(5).setData(bytes(5, DATA.length)).setTotal(DATA.length)
                        .setExpected(DIGEST).putLabels("k", "v").build());

        assertThat(result.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(result.responses()).extracting(WriteContentResponse::getOffset).containsExactly(0L, 5L, (long) DATA.length);
        assertThat(result.responses().getLast().getDigest()).isEqualTo(DIGEST);
        var info = api("default").info(InfoRequest.newBuilder().setDigest(DIGEST).build()).getInfo();
        assertThat(info.getSize()).isEqualTo(DATA.length);
        assertThat(info.getLabelsMap()).containsEntry("k", "v");
        assertThat(list("default")).extracting(Info::getDigest).containsExactly(DIGEST);
        assertThat(list("default", "labels.k==other")).isEmpty();
        assertThat(list("other")).isEmpty();

        ByteString read = ByteString.EMPTY;
        for (var it = api("default").read(ReadContentRequest.newBuilder().setDigest(DIGEST).setOffset(6).setSize(3).build());
             it.hasNext(); ) {
            ReadContentResponse r = it.next();
            read = read.concat(r.getData());
        }
        assertThat(read.toStringUtf8()).isEqualTo("con");
        assertStatus(() -> api("default").read(ReadContentRequest.newBuilder().setDigest(DIGEST).setOffset(99).build())
                .hasNext(), Status.Code.OUT_OF_RANGE, "read past object length 13 bytes");
    }

    @Test
    void resumeAtTheStoredOffset() throws Exception {
        write("default", req(WriteAction.WRITE, "r").setTotal(DATA.length).setData(bytes(0, 4)).build());
        var status = api("default").status(StatusRequest.newBuilder().setRef("r").build()).getStatus();
        assertThat(status.getOffset()).isEqualTo(4);
        assertThat(status.getTotal()).isEqualTo(DATA.length);

        WriteResult wrong = write("default", req(WriteAction.WRITE, "r").setOffset(3).setData(bytes(3, 5)).build());
        assertThat(wrong.status().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
        assertThat(wrong.status().getDescription()).isEqualTo("write @3 must occur at current offset 4");

        WriteResult resumed = write("default", req(WriteAction.STAT, "r").build(),
                req(WriteAction.COMMIT, "r").setOffset(4).setData(bytes(4, DATA.length)).setExpected(DIGEST).build());
        assertThat(resumed.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(resumed.responses().getFirst().getOffset()).isEqualTo(4);
        assertThat(list("default")).extracting(Info::getSize).containsExactly((long) DATA.length);
        assertThat(api("default").listStatuses(ListStatusesRequest.getDefaultInstance()).getStatusesList()).isEmpty();
    }

    @Test
    void aWriteUnderTheLeaseHeaderIsHeldByThatLease() throws Exception {
        metadata.leases().in("default").create("pull", Map.of());
        var leased = ContentGrpc.newStub(channel)
                .withInterceptors(InProcessGrpc.namespace("default"), InProcessGrpc.lease("pull"));
        WriteResult result = write(leased, req(WriteAction.COMMIT, "r").setTotal(DATA.length)
                .setData(bytes(0, DATA.length)).setExpected(DIGEST).build());
        assertThat(result.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(metadata.leases().in("default").listResources("pull"))
                .containsExactly(new io.jcontainerd.core.leases.Resource(DIGEST, "content"));

        WriteResult noLease = write(ContentGrpc.newStub(channel)
                .withInterceptors(InProcessGrpc.namespace("default"), InProcessGrpc.lease("gone")),
                req(WriteAction.STAT, "other").build());
        assertThat(noLease.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(noLease.status().getDescription()).isEqualTo("lease does not exist: not found");
    }

    @Test
    void wrongSizeOrDigestLeavesNoBlob() throws Exception {
        WriteResult size = write("default", req(WriteAction.COMMIT, "r").setData(bytes(0, DATA.length))
                .setTotal(DATA.length + 1).build());
        assertThat(size.status().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(size.status().getDescription()).isEqualTo("\"r\" failed size validation: 13 != 14: failed precondition");

        String other = Digest.fromString("other").toString();
        WriteResult digest = write("default", req(WriteAction.COMMIT, "r").setData(bytes(0, DATA.length))
                .setExpected(other).build());
        assertThat(digest.status().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(digest.status().getDescription()).isEqualTo(
                "unexpected commit digest " + DIGEST + ", expected " + other + ": failed precondition");
        assertThat(list("default")).isEmpty();

        api("default").abort(AbortRequest.newBuilder().setRef("r").build());
        assertStatus(() -> api("default").status(StatusRequest.newBuilder().setRef("r").build()), Status.Code.NOT_FOUND,
                "could not get status for ref \"r\": reference r: not found");
        assertStatus(() -> api("default").abort(AbortRequest.newBuilder().setRef("r").build()), Status.Code.NOT_FOUND,
                "reference r: not found");
    }

    @Test
    void firstMessageNeedsARefAndExistingContentIsAlreadyExists() throws Exception {
        WriteResult noRef = write("default", WriteContentRequest.newBuilder().setAction(WriteAction.STAT).build());
        assertThat(noRef.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(noRef.status().getDescription()).isEqualTo("first message must have a reference");

        write("default", req(WriteAction.COMMIT, "r").setData(bytes(0, DATA.length)).build());
        WriteResult again = write("default", req(WriteAction.STAT, "r2").setExpected(DIGEST).build());
        assertThat(again.status().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(again.status().getDescription()).isEqualTo("content " + DIGEST + ": already exists");

        WriteResult later = write("default", req(WriteAction.WRITE, "r3").setData(bytes(0, 2)).build(),
                req(WriteAction.STAT, "r3").setExpected(DIGEST).build());
        assertThat(later.status().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(later.status().getDescription()).isEqualTo("blob with expected digest " + DIGEST + " exists");
        assertThat(api("default").listStatuses(ListStatusesRequest.getDefaultInstance()).getStatusesList()).isEmpty();
    }

    @Test
    void updateAndDeletePublish() throws Exception {
        write("default", req(WriteAction.COMMIT, "r").setData(bytes(0, DATA.length)).build());
        var updated = api("default").update(UpdateRequest.newBuilder()
                .setInfo(Info.newBuilder().setDigest(DIGEST).putLabels("a", "1"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("labels.a")).build()).getInfo();
        assertThat(updated.getLabelsMap()).containsExactly(Map.entry("a", "1"));
        assertStatus(() -> api("default").info(InfoRequest.newBuilder().setDigest("nope").build()),
                Status.Code.INVALID_ARGUMENT, "\"nope\" failed validation");
        assertStatus(() -> api("default").delete(DeleteContentRequest.newBuilder().setDigest("nope").build()),
                Status.Code.INVALID_ARGUMENT, "invalid checksum digest format");

        api("default").delete(DeleteContentRequest.newBuilder().setDigest(DIGEST).build());
        assertThat(published).containsExactly("default /content/delete containerd.events.ContentDelete");
        assertStatus(() -> api("default").delete(DeleteContentRequest.newBuilder().setDigest(DIGEST).build()),
                Status.Code.NOT_FOUND, "content digest " + DIGEST + ": not found");
        assertStatus(() -> api("").info(InfoRequest.newBuilder().setDigest(DIGEST).build()),
                Status.Code.FAILED_PRECONDITION, "namespace is required: failed precondition");
    }

    @Test
    void readStreamsInChunksOfOneMebibyte() throws Exception {
        byte[] big = new byte[ContentGrpcService.READ_CHUNK_BYTES * 2 + 7];
        new Random(1).nextBytes(big);
        String digest = DigestAlgorithm.CANONICAL.digest(big).toString();
        write("default", req(WriteAction.COMMIT, "big").setData(ByteString.copyFrom(big)).setExpected(digest).build());

        List<Long> offsets = new ArrayList<>();
        ByteString read = ByteString.EMPTY;
        for (var it = api("default").read(ReadContentRequest.newBuilder().setDigest(digest).build()); it.hasNext(); ) {
            ReadContentResponse r = it.next();
            offsets.add(r.getOffset());
            read = read.concat(r.getData());
        }
        assertThat(offsets).containsExactly(0L, (long) ContentGrpcService.READ_CHUNK_BYTES,
                2L * ContentGrpcService.READ_CHUNK_BYTES);
        assertThat(read.toByteArray()).isEqualTo(big);
    }

    @Test
    void listSendsBlocksOfAHundred() throws Exception {
        for (int i = 0; i < 150; i++) {
            write("default", req(WriteAction.COMMIT, "r" + i).setData(ByteString.copyFromUtf8("blob " + i)).build());
        }
        List<Integer> blocks = new ArrayList<>();
        api("default").list(ListContentRequest.getDefaultInstance()).forEachRemaining(r -> blocks.add(r.getInfoCount()));
        assertThat(blocks).containsExactly(100, 50);
    }
}
