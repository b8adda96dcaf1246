package io.jcontainerd.client;

/** An OCI platform a plugin supports, e.g. {@code linux/arm64/v8}. */
public record Platform(String os, String architecture, String variant) {
    /** {@return containerd's text form: {@code os/arch[/variant]}, or "unknown" without an OS} */
    public String format() {
        if (os.isEmpty()) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder(os);
        for (String part : new String[] {architecture, variant}) {
            if (!part.isEmpty()) {
                b.append('/').append(part);
            }
        }
        return b.toString();
    }
}
