package io.jcontainerd.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ContainerdClient} talks to the daemon.
 *
 * @param namespace      sent as {@code containerd-namespace} on every call; empty sends no header
 * @param callTimeout    deadline of each call; zero means none
 * @param connectTimeout how long to wait for the socket to answer; zero means ctr's 10 seconds
 */
public record ClientOptions(String namespace, Duration callTimeout, Duration connectTimeout) {
    /** containerd's default namespace. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** What containerd's Go client waits when no connect timeout is given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public ClientOptions {
        Objects.requireNonNull(namespace, "namespace");
        requireNotNegative(callTimeout, "callTimeout");
        requireNotNegative(connectTimeout, "connectTimeout");
    }

    /** {@return options for the default namespace, no call timeout and ctr's connect timeout} */
    public static ClientOptions defaults() {
        return new ClientOptions(DEFAULT_NAMESPACE, Duration.ZERO, Duration.ZERO);
    }

    public ClientOptions withNamespace(String ns) {
        return new ClientOptions(ns, callTimeout, connectTimeout);
    }

    public ClientOptions withCallTimeout(Duration timeout) {
        return new ClientOptions(namespace, timeout, connectTimeout);
    }

    public ClientOptions withConnectTimeout(Duration timeout) {
        return new ClientOptions(namespace, callTimeout, timeout);
    }

    /** {@return the connect timeout in force, with zero replaced by the default} */
    public Duration effectiveConnectTimeout() {
        return connectTimeout.isZero() ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
