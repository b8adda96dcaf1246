package io.jcontainerd.image;

/** How a layer blob is compressed, as its media type tells it (upstream's {@code images.DiffCompression}). */
public enum LayerCompression {
    /** Not compressed, or wrapped in a further media type suffix such as {@code +encrypted}. */
    NONE(""),
    /** A Docker layer without a compression suffix: it may still be gzip, the decompressor sniffs it. */
    UNKNOWN("unknown"),
    GZIP("gzip"),
    ZSTD("zstd");

    private final String text;

    LayerCompression(String text) {
        this.text = text;
    }

    /** {@return upstream's name for it: "", "unknown", "gzip" or "zstd"} */
    public String text() {
        return text;
    }
}
