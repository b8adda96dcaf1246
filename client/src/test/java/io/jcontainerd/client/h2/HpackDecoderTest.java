package io.jcontainerd.client.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufUtil;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our decoder against Netty's encoder, which indexes, Huffman-codes, evicts and resizes its table as servers do. */
class HpackDecoderTest {
    private static final String[] NAMES = {":status", "content-type", "grpc-status", "grpc-message", "x-a",
        "secret-token", "grpc-status-details-bin", "date", "x-long"};

    @Test
    void decodesWhatAnEncoderWithItsOwnTableWritesOverManyBlocks() throws Exception {
        Random random = new Random(7541);
        // names starting with "s" are sent never-indexed
        DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder(
                (name, value) -> name.toString().startsWith("s"));
        HpackDecoder decoder = new HpackDecoder();
        for (int block = 0; block < 2000; block++) {
            if (block == 700) {
                encoder.configuration().maxHeaderTableSize(256); // the next block starts with a size update
            } else if (block == 1400) {
                encoder.configuration().maxHeaderTableSize(4096);
            }
            Http2Headers headers = new DefaultHttp2Headers(false);
            List<String[]> sent = new ArrayList<>();
            for (int i = random.nextInt(6) + 1; i > 0; i--) {
                String name = NAMES[random.nextInt(NAMES.length)];
                String value = value(random);
                headers.add(name, value);
                sent.add(new String[] {name, value});
            }
            ByteBuf out = Unpooled.buffer();
            encoder.encodeHeaders(1, headers, out);

            List<String[]> decoded = new ArrayList<>();
            for (HpackDecoder.Field field : decoder.decode(ByteBufUtil.getBytes(out))) {
                decoded.add(new String[] {field.nameText(), new String(field.value(), StandardCharsets.ISO_8859_1)});
            }
            assertThat(asMap(decoded)).as("block %d", block).isEqualTo(asMap(sent));
        }
    }

    @Test
    void anIndexBeyondTheTablesIsRefused() {
        assertThatThrownBy(() -> new HpackDecoder().decode(new byte[] {(byte) 0xbf})) // indexed 63: empty dynamic table
                .isInstanceOf(HpackException.class).hasMessageContaining("beyond the tables");
    }

    @Test
    void aHuffmanStringWithBadPaddingIsRefused() {
        // literal without indexing, new name "a" (raw), value Huffman-coded of one byte 0x00: 8 zero bits pad nothing valid
        byte[] block = {0x00, 0x01, 'a', (byte) 0x81, 0x00};
        assertThatThrownBy(() -> new HpackDecoder().decode(block)).isInstanceOf(HpackException.class);
    }

    @Test
    void manyReferencesToALargeEntryCannotInflateTheList() {
        byte[] value = new byte[4000];
        java.util.Arrays.fill(value, (byte) 'v');
        java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
        block.write(0x40); // literal with incremental indexing, new name
        block.write(1);
        block.write('a');
        HeaderBlocks.integer(block, 0x00, 7, value.length);
        block.writeBytes(value);
        for (int i = 0; i < 100; i++) {
            block.write(0x80 | 62); // the entry just added, 100 times: 400 KB decoded from 100 bytes
        }
        assertThatThrownBy(() -> new HpackDecoder().decode(block.toByteArray()))
                .isInstanceOf(HpackException.class).hasMessageContaining("header list larger");
    }

    @Test
    void aSingleFieldOverTheListLimitIsRefused() {
        java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
        block.write(0x00); // literal without indexing, new name
        block.write(1);
        block.write('a');
        HeaderBlocks.integer(block, 0x00, 7, 70_000);
        block.writeBytes(new byte[70_000]);
        assertThatThrownBy(() -> new HpackDecoder().decode(block.toByteArray()))
                .isInstanceOf(HpackException.class).hasMessageContaining("header list larger");
    }

    private static String value(Random random) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            return "200";
        }
        if (kind == 1) {
            return "application/grpc";
        }
        StringBuilder s = new StringBuilder();
        int length = kind == 2 ? random.nextInt(20) : random.nextInt(600);
        for (int i = 0; i < length; i++) {
            // printable ASCII for the short codes; any octet in the long values, for codes up to 30 bits
            s.append((char) (kind == 2 ? 0x20 + random.nextInt(0x5f) : random.nextInt(256)));
        }
        return s.toString();
    }

    /** Netty's headers group values by name, so compare per name in order. */
    private static Map<String, List<String>> asMap(List<String[]> fields) {
        Map<String, List<String>> map = new java.util.TreeMap<>();
        for (String[] field : fields) {
            map.computeIfAbsent(field[0], k -> new ArrayList<>()).add(field[1]);
        }
        return map;
    }
}
