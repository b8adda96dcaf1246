package io.jcontainerd.ctr.commands.images;

import picocli.CommandLine.Option;

/**
 * ctr's registry flags and {@code --label}, which its {@code images mount} and {@code unmount}
 * declare but never read: accepted here so that the same command lines work.
 */
final class RegistryFlags {
    @Option(names = {"--skip-verify", "-skip-verify", "-k", "--k"}, description = "skip SSL certificate validation")
    boolean skipVerify;

    @Option(names = {"--plain-http", "-plain-http"}, description = "allow connections using plain HTTP")
    boolean plainHttp;

    @Option(names = {"--user", "-user", "-u", "--u"}, description = "user[:password] Registry user and password")
    String user;

    @Option(names = {"--refresh", "-refresh"}, description = "refresh token for authorization server")
    String refresh;

    @Option(names = {"--hosts-dir", "-hosts-dir"}, description = "Custom hosts configuration directory")
    String hostsDir;

    @Option(names = {"--tlscacert", "-tlscacert"}, description = "path to TLS root CA")
    String tlsCaCert;

    @Option(names = {"--tlscert", "-tlscert"}, description = "path to TLS client certificate")
    String tlsCert;

    @Option(names = {"--tlskey", "-tlskey"}, description = "path to TLS client key")
    String tlsKey;

    @Option(names = {"--http-dump", "-http-dump"}, description = "dump all HTTP request/responses when interacting with container registry")
    boolean httpDump;

    @Option(names = {"--http-trace", "-http-trace"}, description = "enable HTTP tracing for registry interactions")
    boolean httpTrace;
}
