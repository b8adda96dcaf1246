package io.jcontainerd.client.h2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads HPACK header blocks (RFC 7541) as the server's encoder writes them: indexed fields from
 * the static and the dynamic table, literals (Huffman-coded or not) that may enter the dynamic
 * table, and table size updates. One per connection, fed blocks in the order they arrive.
 */
final class HpackDecoder {
    /** The table size HTTP/2 starts with; we never advertise another. */
    private static final int MAX_TABLE_SIZE = 4096;
    /** Decoded headers larger than this end the connection: a few indexed bytes can name a 4 KiB entry. */
    private static final int MAX_HEADER_LIST_SIZE = 64 << 10;
    /** What RFC 7541 counts for an entry beyond its name and value. */
    private static final int ENTRY_OVERHEAD = 32;

    /** RFC 7541 Appendix A, from index 1. */
    private static final String[][] STATIC_TABLE = {
        {":authority", ""}, {":method", "GET"}, {":method", "POST"}, {":path", "/"}, {":path", "/index.html"},
        {":scheme", "http"}, {":scheme", "https"}, {":status", "200"}, {":status", "204"}, {":status", "206"},
        {":status", "304"}, {":status", "400"}, {":status", "404"}, {":status", "500"}, {"accept-charset", ""},
        {"accept-encoding", "gzip, deflate"}, {"accept-language", ""}, {"accept-ranges", ""}, {"accept", ""},
        {"access-control-allow-origin", ""}, {"age", ""}, {"allow", ""}, {"authorization", ""},
        {"cache-control", ""}, {"content-disposition", ""}, {"content-encoding", ""}, {"content-language", ""},
        {"content-length", ""}, {"content-location", ""}, {"content-range", ""}, {"content-type", ""},
        {"cookie", ""}, {"date", ""}, {"etag", ""}, {"expect", ""}, {"expires", ""}, {"from", ""}, {"host", ""},
        {"if-match", ""}, {"if-modified-since", ""}, {"if-none-match", ""}, {"if-range", ""},
        {"if-unmodified-since", ""}, {"last-modified", ""}, {"link", ""}, {"location", ""}, {"max-forwards", ""},
        {"proxy-authenticate", ""}, {"proxy-authorization", ""}, {"range", ""}, {"referer", ""}, {"refresh", ""},
        {"retry-after", ""}, {"server", ""}, {"set-cookie", ""}, {"strict-transport-security", ""},
        {"transfer-encoding", ""}, {"user-agent", ""}, {"vary", ""}, {"via", ""}, {"www-authenticate", ""},
    };

    /** A header field as octets: names and values are not text in HTTP/2's sense. */
    record Field(byte[] name, byte[] value) {
        int size() {
            return name.length + value.length + ENTRY_OVERHEAD;
        }

        String nameText() {
            return new String(name, StandardCharsets.ISO_8859_1);
        }
    }

    private static final Field[] STATIC_FIELDS = staticFields();

    /** Newest first. */
    private final ArrayDeque<Field> dynamic = new ArrayDeque<>();
    private int dynamicSize;
    private int maxDynamicSize = MAX_TABLE_SIZE;

    /** Where the block being read is, and how far. */
    private byte[] in;
    private int at;

    /** {@return the fields of {@code block}, in order} */
    List<Field> decode(byte[] block) throws HpackException {
        in = block;
        at = 0;
        List<Field> fields = new ArrayList<>();
        int listSize = 0;
        while (at < in.length) {
            int first = in[at] & 0xff;
            Field field;
            if ((first & 0x80) != 0) {
                field = field(integer(7));
            } else if ((first & 0x40) != 0) {
                field = literal(6);
                add(field);
            } else if ((first & 0x20) != 0) {
                if (!fields.isEmpty()) {
                    throw new HpackException("table size update after a header field");
                }
                int size = integer(5);
                if (size > MAX_TABLE_SIZE) {
                    throw new HpackException("table size " + size + " above the " + MAX_TABLE_SIZE + " allowed");
                }
                maxDynamicSize = size;
                evict();
                continue;
            } else {
                field = literal(4); // without indexing, or never indexed: the same to a reader
            }
            listSize += field.size();
            if (listSize > MAX_HEADER_LIST_SIZE) {
                throw new HpackException("header list larger than " + MAX_HEADER_LIST_SIZE + " bytes");
            }
            fields.add(field);
        }
        return fields;
    }

    /** A literal whose name is indexed in the first byte's {@code prefixBits}, or follows as a string when that is 0. */
    private Field literal(int prefixBits) throws HpackException {
        int index = integer(prefixBits);
        byte[] name = index == 0 ? string() : field(index).name();
        return new Field(name, string());
    }

    private Field field(int index) throws HpackException {
        if (index <= 0) {
            throw new HpackException("index 0");
        }
        if (index <= STATIC_FIELDS.length) {
            return STATIC_FIELDS[index - 1];
        }
        int dynamicIndex = index - STATIC_FIELDS.length - 1;
        if (dynamicIndex >= dynamic.size()) {
            throw new HpackException("index " + index + " beyond the tables");
        }
        int i = 0;
        for (Field field : dynamic) {
            if (i++ == dynamicIndex) {
                return field;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private void add(Field field) {
        dynamic.addFirst(field);
        dynamicSize += field.size();
        evict(); // an entry larger than the table empties it, itself included
    }

    private void evict() {
        while (dynamicSize > maxDynamicSize) {
            dynamicSize -= dynamic.removeLast().size();
        }
    }

    /** RFC 7541 5.2: a length-prefixed string, Huffman-coded when the top bit is set. */
    private byte[] string() throws HpackException {
        if (at >= in.length) {
            throw new HpackException("block ends before a string");
        }
        boolean huffman = (in[at] & 0x80) != 0;
        int length = integer(7);
        if (length > in.length - at) {
            throw new HpackException("string of " + length + " bytes past the block's end");
        }
        int start = at;
        at += length;
        return huffman ? HuffmanCode.decode(in, start, length) : java.util.Arrays.copyOfRange(in, start, at);
    }

    /** RFC 7541 5.1: an integer in the current byte's low {@code prefixBits} and continuation bytes. */
    private int integer(int prefixBits) throws HpackException {
        int max = (1 << prefixBits) - 1;
        int value = in[at++] & max;
        if (value < max) {
            return value;
        }
        long total = value;
        for (int shift = 0; shift <= 28; shift += 7) {
            if (at >= in.length) {
                throw new HpackException("block ends inside an integer");
            }
            int b = in[at++] & 0xff;
            total += (long) (b & 0x7f) << shift;
            if (total > Integer.MAX_VALUE) {
                break;
            }
            if ((b & 0x80) == 0) {
                return (int) total;
            }
        }
        throw new HpackException("integer overflows");
    }

    private static Field[] staticFields() {
        Field[] fields = new Field[STATIC_TABLE.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new Field(STATIC_TABLE[i][0].getBytes(StandardCharsets.ISO_8859_1),
                    STATIC_TABLE[i][1].getBytes(StandardCharsets.ISO_8859_1));
        }
        return fields;
    }
}
