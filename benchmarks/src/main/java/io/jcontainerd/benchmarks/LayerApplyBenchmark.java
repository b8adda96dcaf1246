package io.jcontainerd.benchmarks;

import io.jcontainerd.plugins.diff.ApplyOptions;
import io.jcontainerd.plugins.diff.LayerApplier;
import io.jcontainerd.plugins.diff.LayerCompression;
import io.jcontainerd.plugins.diff.ReadAheadInputStream;
import io.jcontainerd.sys.LinuxSyscalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diff.Apply's core: a gzip layer decompressed and applied into an empty directory, on the
 * applier's thread alone ({@code inline}) or with decompression on a read-ahead thread
 * ({@code readAhead}). Two shapes like the bench images: {@code manyfiles} (small files, syscall
 * bound) and {@code bigfiles} (a few MiB-sized files, inflate bound). Set {@code -Djmh.dir} to put
 * the target directories on the file system under test (default: the temp directory).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC"})
public class LayerApplyBenchmark {
    @Param({"manyfiles", "bigfiles"})
    String shape;

    @Param({"inline", "readAhead"})
    String mode;

    private final LayerApplier applier = new LayerApplier(new LinuxSyscalls());
    private byte[] gzipLayer;
    private Path parent;
    private Path target;

    @Setup(Level.Trial)
    public void makeLayer() throws IOException {
        gzipLayer = switch (shape) {
            case "manyfiles" -> layer(4000, 1024, 8192);
            case "bigfiles" -> layer(12, 2 << 20, 4 << 20);
            default -> throw new IllegalArgumentException(shape);
        };
        parent = Files.createTempDirectory(Path.of(System.getProperty("jmh.dir", System.getProperty("java.io.tmpdir"))),
                "apply-bench");
    }

    @Setup(Level.Invocation)
    public void freshTarget() throws IOException {
        target = Files.createTempDirectory(parent, "root");
    }

    @TearDown(Level.Invocation)
    public void removeTarget() throws IOException {
        deleteTree(target);
    }

    @TearDown(Level.Trial)
    public void removeParent() throws IOException {
        deleteTree(parent);
    }

    @Benchmark
    public long apply() throws IOException {
        InputStream tar = LayerCompression.decompressed(new ByteArrayInputStream(gzipLayer));
        if (mode.equals("readAhead")) {
            try (InputStream ahead = new ReadAheadInputStream(tar, "bench-read-ahead")) {
                return applier.apply(target, ahead, ApplyOptions.directory());
            }
        }
        return applier.apply(target, tar, ApplyOptions.directory());
    }

    /** {@code files} files of random sizes in [min, max), three quarters base64 text, in 2-level directories. */
    private static byte[] layer(int files, int min, int max) throws IOException {
        Random random = new Random(files);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(new GZIPOutputStream(out, 1 << 16))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (int d = 0; d < Math.max(1, files / 100); d++) {
                TarArchiveEntry dir = new TarArchiveEntry("files/d" + d + "/");
                dir.setMode(0755);
                tar.putArchiveEntry(dir);
                tar.closeArchiveEntry();
            }
            for (int i = 0; i < files; i++) {
                byte[] data = new byte[min + random.nextInt(max - min)];
                random.nextBytes(data);
                if (i % 4 != 0) {
                    data = Base64.getEncoder().encodeToString(data).substring(0, data.length)
                            .getBytes(StandardCharsets.US_ASCII);
                }
                TarArchiveEntry file = new TarArchiveEntry("files/d" + (i % Math.max(1, files / 100)) + "/f" + i);
                file.setMode(0644);
                file.setSize(data.length);
                tar.putArchiveEntry(file);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
