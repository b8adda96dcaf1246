package io.jcontainerd.image;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes the image JSON documents. Reading is tolerant where Go's encoding/json is
 * (unknown fields ignored, field names matched ignoring case, {@code null} for absent) and strict
 * where it is (no numbers for strings, no fractions for integers, nothing after the value), plus
 * bounds for hostile input: nesting depth, string length, and duplicate keys rejected rather than
 * silently resolved. Writing follows Go's json.Marshal: struct field order, map keys sorted,
 * compact, and {@code <>&} escaped as {@code \u003c}…
 */
public final class ImageJson {
    /** Far deeper than any real manifest or config; keeps a hostile document from exhausting the stack. */
    static final int MAX_NESTING_DEPTH = 128;

    private static final ObjectMapper MAPPER = mapper();
    private static final ObjectWriter WRITER = MAPPER.writer().with(new GoEscapes());

    private ImageJson() {
    }

    /**
     * Parses a document; a top-level {@code null} reads as an empty object, as in Go.
     *
     * @param what names the document in errors, e.g. "manifest sha256:…"
     * @throws ErrdefsException INVALID_ARGUMENT "failed to decode {what}: …" when the bytes are not such a document
     */
    public static <T> T read(byte[] json, Class<T> type, String what) {
        try {
            T value = MAPPER.readValue(json, type);
            return value != null ? value : MAPPER.readValue("{}", type);
        } catch (IOException | RuntimeException e) {
            throw decodeError(what, e);
        }
    }

    /**
     * Builds the readers of index, manifest and config documents now, so that a first pull does
     * not: on a cold JVM, Jackson's introspection of these records (their annotations, creators
     * and nested types) took longer than reading them.
     */
    public static void prepare() {
        for (Class<?> type : List.of(Index.class, Manifest.class, ImageConfig.class)) {
            MAPPER.readerFor(type);
        }
    }

    /** Parses any JSON value with the same bounds; for shape checks that look at keys before binding. */
    static JsonNode readTree(byte[] json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException | RuntimeException e) {
            throw decodeError(what, e);
        }
    }

    /** {@return {@code value} as compact JSON in Go's json.Marshal form} */
    public static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (IOException e) {
            // in-memory records of strings, numbers, lists and maps always serialize
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as json", e);
        }
    }

    private static ErrdefsException decodeError(String what, Exception e) {
        return new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "failed to decode " + what + ": " + describe(e), e);
    }

    /** Where in the document and why, e.g. {@code layers[0]: null value}, without Jackson's source excerpt. */
    private static String describe(Exception e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        }
        // a record constructor refusing a value: its own message, or "null value" for a null list element
        String why = mapping.getCause() instanceof RuntimeException cause
                ? Objects.requireNonNullElse(cause.getMessage(), "null value in a list or map")
                : mapping.getOriginalMessage();
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? why : path + ": " + why;
    }

    private static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .addModule(new SimpleModule("image-json")
                        .addDeserializer(Digest.class, new DigestReader())
                        .addSerializer(Digest.class, new DigestWriter()))
                .build();
        // Go's decoder refuses a number or boolean where it wants a string
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** A digest string, validated: an invalid one is rejected before anything uses it as a path. */
    private static final class DigestReader extends StdDeserializer<Digest> {
        DigestReader() {
            super(Digest.class);
        }

        @Override
        public Digest deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Digest) ctxt.handleUnexpectedToken(Digest.class, p);
            }
            String text = p.getText();
            try {
                return Digest.parse(text);
            } catch (ErrdefsException e) {
                return (Digest) ctxt.reportInputMismatch(Digest.class, "digest %s: %s", Errdefs.quote(text), e.getMessage());
            }
        }
    }

    private static final class DigestWriter extends StdSerializer<Digest> {
        DigestWriter() {
            super(Digest.class);
        }

        @Override
        public void serialize(Digest value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** Go's {@code map[string]struct{}} (ExposedPorts, Volumes) read as its set of keys. */
    static final class KeySetReader extends StdDeserializer<Set<String>> {
        KeySetReader() {
            super(Set.class);
        }

        @Override
        public Set<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartObjectToken()) {
                @SuppressWarnings("unchecked")
                Set<String> none = (Set<String>) ctxt.handleUnexpectedToken(Set.class, p);
                return none;
            }
            Set<String> keys = new LinkedHashSet<>();
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                if (value != JsonToken.START_OBJECT && value != JsonToken.VALUE_NULL) {
                    ctxt.reportInputMismatch(Set.class, "value of %s must be an object", key);
                }
                p.skipChildren();
                keys.add(key);
            }
            return keys;
        }
    }

    /** Writes a key set back as Go does: keys sorted, each mapped to {@code {}}. */
    static final class KeySetWriter extends StdSerializer<Set<String>> {
        @SuppressWarnings({"unchecked", "rawtypes"})
        KeySetWriter() {
            super((Class<Set<String>>) (Class) Set.class);
        }

        @Override
        public void serialize(Set<String> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            for (String key : new TreeSet<>(value)) {
                gen.writeFieldName(key);
                gen.writeStartObject();
                gen.writeEndObject();
            }
            gen.writeEndObject();
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Set<String> value) {
            return value.isEmpty();
        }
    }

    /**
     * Go's string escaping: {@code < > &} (HTML safety), U+2028 and U+2029 as \\u escapes, and
     * backspace and form feed as \\u0008 and \\u000c (Go before 1.22 has no short forms for them).
     */
    private static final class GoEscapes extends CharacterEscapes {
        private static final int[] ASCII = asciiEscapes();

        private static int[] asciiEscapes() {
            int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\b', '\f'}) {
                escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
            return escapes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ASCII.clone();
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }
}
