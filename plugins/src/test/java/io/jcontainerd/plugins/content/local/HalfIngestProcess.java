package io.jcontainerd.plugins.content.local;

import io.jcontainerd.core.content.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The child of {@link CrashResumeTest}: writes the first {@code half} bytes of a payload into an
 * ingest, says so on stdout, then waits to be killed with the writer still open.
 * Arguments: root, ref, payload size, payload seed, half.
 */
public final class HalfIngestProcess {
    private HalfIngestProcess() {
    }

    public static void main(String[] args) throws Exception {
        LocalContentStore store = new LocalContentStore(Path.of(args[0]));
        byte[] data = ContentFixtures.payload(Integer.parseInt(args[2]), Long.parseLong(args[3]));
        int half = Integer.parseInt(args[4]);
        Writer writer = store.writer(args[1], data.length, null);
        for (int off = 0; off < half; off += 1 << 16) {
            writer.write(ByteBuffer.wrap(data, off, Math.min(1 << 16, half - off)));
        }
        System.out.println("wrote " + writer.offset());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
