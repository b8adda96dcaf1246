package io.jcontainerd.services.transfer.pull;

import io.jcontainerd.registry.DockerResolver;
import io.jcontainerd.registry.ResolverOptions;
import io.jcontainerd.registry.hosts.ConfiguredHosts;
import io.jcontainerd.services.transfer.RegistrySource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry client of one transfer, configured as upstream's transfer registry configures
 * {@code docker.NewResolver}: hosts from the source's hosts directory (else the plugin's
 * {@code config_path}), its default scheme, its headers, and credentials from its auth stream.
 */
public final class RegistryResolvers {
    private RegistryResolvers() {
    }

    /** {@return the hosts of {@code source}}; close them after the transfer (they hold HTTP clients) */
    public static ConfiguredHosts hosts(RegistrySource source, String configPath) {
        ConfiguredHosts.Builder hosts = ConfiguredHosts.builder().plainHttp("http".equals(source.defaultScheme()));
        String dir = source.hostDir().isEmpty() ? configPath : source.hostDir();
        if (!dir.isEmpty()) {
            hosts.hostsDirectory(Path.of(dir));
        }
        source.authStream().ifPresent(stream -> hosts.credentials(new AuthStreamCredentials(stream, source.reference())));
        return hosts.build();
    }

    public static DockerResolver resolver(ConfiguredHosts hosts, RegistrySource source) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        source.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        return new DockerResolver(hosts, new ResolverOptions(headers, 0, ResolverOptions.DEFAULT_STALL_TIMEOUT));
    }
}
