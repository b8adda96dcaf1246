package io.jcontainerd.benchmarks;

import io.jcontainerd.sys.inflate.Gunzip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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
 * Decoding a 32 MiB gzip layer body (text-like, as the bench images' base64 files) by the JDK's
 * zlib ({@code GZIPInputStream}, 64 KiB buffer, as before) and by {@link Gunzip} (ISA-L), read in
 * 256 KiB pieces as the unpack reads, under the daemon's JIT flags (C1 only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"})
public class GunzipBenchmark {
    private static final int SIZE = 32 << 20;

    @Param({"zlib", "isal"})
    String decoder;

    private byte[] gzip;
    private final byte[] buffer = new byte[256 << 10];

    @Setup
    public void compress() throws IOException {
        byte[] raw = new byte[SIZE * 3 / 4];
        new Random(42).nextBytes(raw);
        byte[] text = Base64.getEncoder().encodeToString(raw).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write(text);
        }
        gzip = out.toByteArray();
    }

    @Benchmark
    public long decode() throws IOException {
        long total = 0;
        try (InputStream in = decoder.equals("isal") ? Gunzip.open(new ByteArrayInputStream(gzip))
                : new GZIPInputStream(new ByteArrayInputStream(gzip), 64 << 10)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        }
        return total;
    }
}
