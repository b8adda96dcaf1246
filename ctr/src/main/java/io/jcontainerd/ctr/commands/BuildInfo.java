package io.jcontainerd.ctr.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * jctr's own version and revision, written into a resource at build time.
 *
 * @param version  the release, e.g. {@code 0.1.0}
 * @param revision the source revision the jar was built from
 */
public record BuildInfo(String version, String revision) {
    /** Printed by {@code --version} where ctr prints {@code github.com/containerd/containerd}. */
    public static final String PACKAGE = "github.com/jcontainerd/jcontainerd";
    private static final String RESOURCE = "/io/jcontainerd/ctr/build-info.properties";

    public static BuildInfo load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Properties p = new Properties();
            p.load(in);
            return new BuildInfo(p.getProperty("version"), p.getProperty("revision"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
