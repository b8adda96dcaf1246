package io.jcontainerd.ctr.commands;

import io.jcontainerd.ctr.text.GoErrors;
import io.jcontainerd.client.PullOptions;
import io.jcontainerd.registry.DockerResolver;
import io.jcontainerd.registry.Resolver;
import io.jcontainerd.registry.auth.Credentials;
import io.jcontainerd.registry.hosts.ConfiguredHosts;
import io.jcontainerd.registry.tls.ClientKeyPair;
import io.jcontainerd.registry.tls.TlsSettings;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * ctr's {@code commands.RegistryFlags} and its {@code GetResolver}: credentials from
 * {@code --user} (prompting for the password when only a name is given) or {@code --refresh},
 * {@code --plain-http}, {@code --skip-verify}, {@code --tlscacert}/{@code --tlscert}/{@code --tlskey}
 * and {@code --hosts-dir}. {@code --http-dump} and {@code --http-trace} are accepted and ignored.
 */
public final class RegistryFlags {
    @Option(names = {"--skip-verify", "-skip-verify", "-k", "--k"}, description = "skip SSL certificate validation")
    boolean skipVerify;

    @Option(names = {"--plain-http", "-plain-http"}, description = "allow connections using plain HTTP")
    boolean plainHttp;

    @Option(names = {"--user", "-user", "-u", "--u"}, description = "user[:password] Registry user and password")
    String user = "";

    @Option(names = {"--refresh", "-refresh"}, description = "refresh token for authorization server")
    String refresh = "";

    @Option(names = {"--hosts-dir", "-hosts-dir"}, description = "Custom hosts configuration directory")
    String hostsDir = "";

    @Option(names = {"--tlscacert", "-tlscacert"}, description = "path to TLS root CA")
    String tlsCaCert = "";

    @Option(names = {"--tlscert", "-tlscert"}, description = "path to TLS client certificate")
    String tlsCert = "";

    @Option(names = {"--tlskey", "-tlskey"}, description = "path to TLS client key")
    String tlsKey = "";

    @Option(names = {"--http-dump", "-http-dump"}, description = "dump all HTTP request/responses when interacting with container registry")
    boolean httpDump;

    @Option(names = {"--http-trace", "-http-trace"}, description = "enable HTTP tracing for registry interactions")
    boolean httpTrace;

    /** A resolver and the hosts (HTTP clients, tokens) it uses; close when done. */
    public record Registry(Resolver resolver, ConfiguredHosts hosts) implements AutoCloseable {
        @Override
        public void close() {
            hosts.close();
        }
    }

    /**
     * {@return whether the daemon can resolve as these flags ask}: it has no way to take the client's
     * TLS files, skip verification or dump HTTP, so those make the client do the work itself
     */
    public boolean daemonCanResolve() {
        return !skipVerify && tlsCaCert.isEmpty() && tlsCert.isEmpty() && tlsKey.isEmpty() && !httpDump && !httpTrace;
    }

    /** {@return {@code options} with the flags' plain HTTP, hosts directory and credentials, for a daemon-side pull} */
    public PullOptions daemonPull(CommandContext context, PullOptions options) throws IOException {
        String[] login = login(context);
        PullOptions.CredentialSource credentials = login[0].isEmpty() && login[1].isEmpty()
                ? PullOptions.CredentialSource.NONE
                : host -> Optional.of(new PullOptions.Login(login[0], login[1]));
        return options.withPlainHttp(plainHttp)
                .withHostDir(hostsDir.isEmpty() ? "" : Path.of(hostsDir).toAbsolutePath().toString())
                .withCredentials(credentials);
    }

    /** {@return user name and secret from {@code --user} (prompting for a missing password) or {@code --refresh}} */
    private String[] login(CommandContext context) throws IOException {
        String username = user;
        String secret = "";
        int colon = username.indexOf(':');
        if (colon > 0) {
            secret = username.substring(colon + 1);
            username = username.substring(0, colon);
        }
        if (!username.isEmpty()) {
            if (secret.isEmpty()) {
                context.out().print("Password: ");
                context.out().flush();
                secret = readPassword();
                context.out().print("\n");
            }
        } else if (!refresh.isEmpty()) {
            secret = refresh;
        }
        return new String[] {username, secret};
    }

    /** {@return a resolver configured by the flags} */
    public Registry open(CommandContext context) throws IOException {
        String[] login = login(context);
        String username = login[0];
        String secret = login[1];
        ConfiguredHosts.Builder hosts = ConfiguredHosts.builder()
                .plainHttp(plainHttp)
                .skipVerify(skipVerify)
                .defaultTls(defaultTls());
        if (!username.isEmpty() || !secret.isEmpty()) {
            hosts.credentials(Credentials.of(username, secret));
        }
        if (!hostsDir.isEmpty()) {
            hosts.hostsDirectory(Path.of(hostsDir));
        }
        ConfiguredHosts built = hosts.build();
        return new Registry(new DockerResolver(built), built);
    }

    private TlsSettings defaultTls() throws IOException {
        List<Path> cas = new ArrayList<>();
        if (!tlsCaCert.isEmpty()) {
            Path ca = Path.of(tlsCaCert);
            try {
                Files.readAllBytes(ca);
            } catch (IOException e) {
                throw new CommandException("failed to read " + "\"" + tlsCaCert + "\"" + ": "
                        + GoErrors.path("open", tlsCaCert, e));
            }
            cas.add(ca);
        }
        List<ClientKeyPair> pairs = new ArrayList<>();
        if (!tlsCert.isEmpty() || !tlsKey.isEmpty()) {
            if (tlsCert.isEmpty() || tlsKey.isEmpty()) {
                throw new CommandException("flags --tlscert and --tlskey must be set together");
            }
            pairs.add(new ClientKeyPair(Path.of(tlsCert), Path.of(tlsKey)));
        }
        return new TlsSettings(cas, pairs, false);
    }

    /** The password from the console without echo, or a line of stdin when there is no console. */
    private static String readPassword() throws IOException {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            char[] password = console.readPassword();
            return password == null ? "" : new String(password);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }
}
