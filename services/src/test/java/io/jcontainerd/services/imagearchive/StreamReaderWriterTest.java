package io.jcontainerd.services.imagearchive;

import static org.assertj.core.api.Assertions.assertThat;

import containerd.types.transfer.Streaming.Data;
import containerd.types.transfer.Streaming.WindowUpdate;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.services.grpc.AnyMessages;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamReaderWriterTest {
    /** One end of an in-memory stream pair; an empty-typed message marks the end of sending. */
    private static class End implements Stream {
        private static final TypedValue EOF = new TypedValue("", new byte[0]);
        private final LinkedBlockingQueue<TypedValue> in;
        private final LinkedBlockingQueue<TypedValue> out;

        End(LinkedBlockingQueue<TypedValue> in, LinkedBlockingQueue<TypedValue> out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public void send(TypedValue message) {
            out.add(message);
        }

        @Override
        public TypedValue recv() throws IOException, InterruptedException {
            TypedValue next = in.take();
            if (next == EOF) {
                in.add(EOF);
                throw new EOFException();
            }
            return next;
        }

        @Override
        public void close() {
            out.add(EOF);
        }
    }

    @Test
    void what_the_writer_writes_the_reader_reads_and_no_message_exceeds_the_window_granted() throws Exception {
        byte[] archive = new byte[(9 << 20) + 12345];
        new Random(7).nextBytes(archive);
        LinkedBlockingQueue<TypedValue> toReader = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<TypedValue> toWriter = new LinkedBlockingQueue<>();
        AtomicLong granted = new AtomicLong();
        AtomicLong overdrawn = new AtomicLong();
        Stream readerEnd = new End(toReader, toWriter) {
            @Override
            public void send(TypedValue message) {
                granted.addAndGet(AnyMessages.unpack(message, WindowUpdate.getDefaultInstance()).getUpdate());
                super.send(message);
            }
        };
        Stream writerEnd = new End(toWriter, toReader) {
            @Override
            public void send(TypedValue message) {
                if (granted.addAndGet(-AnyMessages.unpack(message, Data.getDefaultInstance()).getData().size()) < 0) {
                    overdrawn.incrementAndGet();
                }
                super.send(message);
            }
        };
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
            try (StreamWriter writer = new StreamWriter(writerEnd)) {
                for (int off = 0; off < archive.length; off += 3 << 20) {
                    writer.write(archive, off, Math.min(3 << 20, archive.length - off));
                }
                writerEnd.close();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        new StreamReader(readerEnd).transferTo(read);
        written.join();
        assertThat(read.toByteArray()).isEqualTo(archive);
        assertThat(overdrawn.get()).isZero();
    }
}
