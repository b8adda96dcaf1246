package io.jcontainerd.benchmarks;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import containerd.services.content.v1.ContentGrpc;
import containerd.services.content.v1.ContentOuterClass.WriteAction;
import containerd.services.content.v1.ContentOuterClass.WriteContentRequest;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.jcontainerd.services.grpc.AliasingMarshaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The daemon's share of one content Write message as ctr sends them (1 MiB of data): parse the
 * request off the wire and hash its data, as the stock marshaller and a read-only view did, and
 * as the aliasing marshaller and the in-place hash do. The file write is the same for both and
 * left out. Each invocation reads the serialised message from a fresh stream, as gRPC hands it over.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms8m"})
public class WriteRequestBenchmark {
    @Param({"1048576"})
    int dataBytes;

    /** The daemon handles each message on a fresh virtual thread, where thread-local parse buffers do not survive. */
    @Param({"platform", "virtual"})
    String thread;

    private byte[] wire;
    private MethodDescriptor.Marshaller<WriteContentRequest> stock;
    private MethodDescriptor.Marshaller<WriteContentRequest> aliasing;
    private MessageDigest sha256;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws NoSuchAlgorithmException {
        byte[] data = new byte[dataBytes];
        new Random(7).nextBytes(data);
        wire = WriteContentRequest.newBuilder().setAction(WriteAction.WRITE).setRef("bench-layer")
                .setOffset(1L << 30).setData(ByteString.copyFrom(data)).build().toByteArray();
        stock = ProtoUtils.marshaller(WriteContentRequest.getDefaultInstance());
        var service = AliasingMarshaller.aliasingRequests(ContentGrpc.bindService(new ContentGrpc.AsyncService() {
        }), ContentGrpc.getWriteMethod(), WriteContentRequest.parser());
        aliasing = (MethodDescriptor.Marshaller<WriteContentRequest>) service
                .getMethod(ContentGrpc.getWriteMethod().getFullMethodName()).getMethodDescriptor().getRequestMarshaller();
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /** Before: stock parse, then the digest of a read-only view of the data. */
    @Benchmark
    public byte[] stockParseReadOnlyHash() throws Exception {
        return on(this::stockOnce);
    }

    /** After: aliasing parse, then the digest of the message's own array. */
    @Benchmark
    public byte[] aliasingParseInPlaceHash() throws Exception {
        return on(this::aliasingOnce);
    }

    private byte[] on(java.util.concurrent.Callable<byte[]> work) throws Exception {
        if (thread.equals("platform")) {
            return work.call();
        }
        var result = new java.util.concurrent.FutureTask<>(work);
        Thread.ofVirtual().start(result).join();
        return result.get();
    }

    private byte[] stockOnce() {
        WriteContentRequest request = stock.parse(new KnownLengthStream(wire));
        sha256.update(request.getData().asReadOnlyByteBuffer());
        return sha256.digest();
    }

    private byte[] aliasingOnce() throws IOException {
        WriteContentRequest request = aliasing.parse(new KnownLengthStream(wire));
        UnsafeByteOperations.unsafeWriteTo(request.getData(), new ByteOutput() {
            @Override
            public void write(byte value) {
                sha256.update(value);
            }

            @Override
            public void write(byte[] value, int offset, int length) {
                sha256.update(value, offset, length);
            }

            @Override
            public void writeLazy(byte[] value, int offset, int length) {
                sha256.update(value, offset, length);
            }

            @Override
            public void write(ByteBuffer value) {
                sha256.update(value);
            }

            @Override
            public void writeLazy(ByteBuffer value) {
                sha256.update(value);
            }
        });
        return sha256.digest();
    }

    /** What gRPC's deframer hands a marshaller: a stream that knows its length. */
    private static final class KnownLengthStream extends ByteArrayInputStream implements io.grpc.KnownLength {
        KnownLengthStream(byte[] bytes) {
            super(bytes);
        }
    }
}
