package io.jcontainerd.registry.hosts;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.registry.auth.Authorizer;
import io.jcontainerd.registry.auth.Credentials;
import io.jcontainerd.registry.auth.DockerAuthorizer;
import io.jcontainerd.registry.tls.TlsSettings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry hosts from a hosts directory and defaults, as upstream's {@code config.ConfigureHosts}.
 * The entry that stands for the namespace itself (the last one, with no host) gets the defaults:
 * {@code docker.io} is {@code https://registry-1.docker.io}; a localhost namespace is plain HTTP
 * (and, if TLS is asked for, unverified) unless the default scheme is https; anything else is
 * https unless the default scheme says otherwise. Clients and authorizers live as long as this
 * object, so connections and tokens are reused across operations.
 */
public final class ConfiguredHosts implements RegistryHosts, AutoCloseable {
    public static final String DOCKER_IO = "docker.io";
    public static final String DOCKER_IO_REGISTRY = "registry-1.docker.io";
    public static final String DEFAULT_PATH = "/v2";

    private final HostsDirectory directory;
    private final Credentials credentials;
    private final String defaultScheme;
    private final boolean skipVerify;
    private final TlsSettings defaultTls;
    private final Map<String, List<String>> authHeaders;
    private final InstantSource clock;
    private final HttpClients clients;
    private final Map<HttpClient, Authorizer> authorizers = new ConcurrentHashMap<>();

    private ConfiguredHosts(Builder b) {
        this.directory = b.hostsDirectory == null ? null : new HostsDirectory(b.hostsDirectory);
        this.credentials = b.credentials;
        this.defaultScheme = b.defaultScheme;
        this.skipVerify = b.skipVerify;
        this.defaultTls = b.defaultTls;
        this.authHeaders = Map.copyOf(b.authHeaders);
        this.clock = b.clock;
        this.clients = new HttpClients(b.connectTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @throws ErrdefsException INVALID_ARGUMENT when a CA or client key file of the namespace's
     *     configuration cannot be used; UNKNOWN when its folder cannot be read
     */
    @Override
    public List<RegistryHost> hosts(String namespace) {
        List<HostConfig> configs = configured(namespace);
        List<RegistryHost> hosts = new ArrayList<>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            HostConfig config = configs.get(i);
            if (i == configs.size() - 1 && config.host().isEmpty()) {
                config = withDefaults(namespace, config);
            }
            hosts.add(ready(config));
        }
        return List.copyOf(hosts);
    }

    /** The namespace's entries as configured, before defaults; one empty entry when nothing is configured. */
    List<HostConfig> configured(String namespace) {
        if (directory != null) {
            try {
                var loaded = directory.load(namespace);
                if (loaded.isPresent()) {
                    return loaded.get();
                }
            } catch (IOException e) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to load hosts directory for " + namespace + ": " + e.getMessage(), e);
            }
        }
        return List.of(HostConfig.unconfigured());
    }

    private HostConfig withDefaults(String namespace, HostConfig config) {
        if (namespace.equals(DOCKER_IO)) {
            return config.withEndpoint("https", DOCKER_IO_REGISTRY, DEFAULT_PATH, HostCapability.all(), config.skipVerify());
        }
        if (Localhost.is(namespace)) {
            if (defaultScheme.isEmpty() || defaultScheme.equals("http")) {
                return config.withEndpoint("http", namespace, DEFAULT_PATH, HostCapability.all(), true);
            }
            return config.withEndpoint(defaultScheme, namespace, DEFAULT_PATH, HostCapability.all(), config.skipVerify());
        }
        String scheme = defaultScheme.isEmpty() ? "https" : defaultScheme;
        return config.withEndpoint(scheme, namespace, DEFAULT_PATH, HostCapability.all(), config.skipVerify());
    }

    private RegistryHost ready(HostConfig config) {
        boolean verifyOff = config.skipVerify() != null ? config.skipVerify() : skipVerify;
        // the default CAs and client certificate first, then the host's own, as upstream clones DefaultTLS
        TlsSettings tls = new TlsSettings(concat(defaultTls.caCertificates(), config.caCertificates()),
                concat(defaultTls.clientKeyPairs(), config.clientKeyPairs()), verifyOff);
        HttpClient client = clients.forTls(tls);
        Authorizer authorizer = authorizers.computeIfAbsent(client,
                c -> new DockerAuthorizer(c, authHeaders, credentials, clock));
        return new RegistryHost(config.scheme(), config.host(), config.path(), config.capabilities(), config.header(),
                client, authorizer);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Override
    public void close() {
        clients.close();
        authorizers.clear();
    }

    /** Options of {@link ConfiguredHosts}; all optional. */
    public static final class Builder {
        private Path hostsDirectory;
        private Credentials credentials = Credentials.NONE;
        private String defaultScheme = "";
        private boolean skipVerify;
        private TlsSettings defaultTls = TlsSettings.DEFAULT;
        private Map<String, List<String>> authHeaders = new LinkedHashMap<>();
        private InstantSource clock = InstantSource.system();
        private Duration connectTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The {@code config_path} root ({@code --hosts-dir}); none by default. */
        public Builder hostsDirectory(Path root) {
            this.hostsDirectory = root;
            return this;
        }

        /** Credentials for Basic auth and token requests ({@code --user}, config.json). */
        public Builder credentials(Credentials source) {
            this.credentials = Objects.requireNonNull(source);
            return this;
        }

        /** {@code --plain-http}: unconfigured namespaces are served over http. */
        public Builder plainHttp(boolean plain) {
            this.defaultScheme = plain ? "http" : "";
            return this;
        }

        /** {@code --skip-verify}: TLS certificates are not checked, unless a host's own skip_verify says otherwise. */
        public Builder skipVerify(boolean skip) {
            this.skipVerify = skip;
            return this;
        }

        /**
         * {@code --tlscacert}, {@code --tlscert}/{@code --tlskey}: CAs and a client certificate for
         * every host (its skipVerify is ignored: {@link #skipVerify} says that).
         */
        public Builder defaultTls(TlsSettings settings) {
            this.defaultTls = Objects.requireNonNull(settings);
            return this;
        }

        /** Headers sent with token requests, e.g. User-Agent. */
        public Builder authHeaders(Map<String, List<String>> headers) {
            this.authHeaders = new LinkedHashMap<>(headers);
            return this;
        }

        /** The clock tokens expire by (tests). */
        public Builder clock(InstantSource source) {
            this.clock = Objects.requireNonNull(source);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public ConfiguredHosts build() {
            return new ConfiguredHosts(this);
        }
    }
}
