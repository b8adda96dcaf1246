package io.jcontainerd.registry.hosts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.paths.GoPaths;
import io.jcontainerd.registry.tls.ClientKeyPair;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code config_path} root: finds a namespace's folder and reads it, as upstream's
 * {@code HostDirFromRoot} and {@code loadHostDir}. A folder's {@code hosts.toml} lists the
 * {@code [host."…"]} entries in file order and then the top-level {@code server}; a folder without
 * one (or whose file does not parse, which is logged) is read the Docker way: {@code *.crt} are CAs,
 * {@code *.cert} client certificates with the {@code .key} of the same name.
 */
public final class HostsDirectory {
    private static final System.Logger LOG = System.getLogger(HostsDirectory.class.getName());
    public static final String HOSTS_FILE = "hosts.toml";
    public static final String DEFAULT_DIR = "_default";

    private final Path root;

    public HostsDirectory(Path root) {
        this.root = root;
    }

    /**
     * {@return the folder for {@code host}: {@code host_port_} (":port" spelled "_port_"), then
     * {@code host}, then {@code _default}; empty when none exists}
     */
    public Optional<Path> folderFor(String host) {
        List<Path> candidates = new ArrayList<>();
        String escaped = escapePort(host);
        if (!escaped.equals(host)) {
            candidates.add(root.resolve(escaped));
        }
        candidates.add(root.resolve(host));
        candidates.add(root.resolve(DEFAULT_DIR));
        for (Path candidate : candidates) {
            if (!candidate.normalize().startsWith(root.normalize())) {
                continue;
            }
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The configured entries for {@code host}, or empty when no folder applies. */
    public Optional<List<HostConfig>> load(String host) throws IOException {
        Optional<Path> folder = folderFor(host);
        return folder.isEmpty() ? Optional.empty() : Optional.of(loadFolder(folder.get()));
    }

    /** {@code host:port} → {@code host_port_}, as upstream's {@code hostDirectory}. */
    static String escapePort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 ? host.substring(0, colon) + "_" + host.substring(colon + 1) + "_" : host;
    }

    static List<HostConfig> loadFolder(Path folder) throws IOException {
        byte[] toml;
        try {
            toml = Files.readAllBytes(folder.resolve(HOSTS_FILE));
        } catch (NoSuchFileException e) {
            toml = new byte[0];
        }
        if (toml.length == 0) {
            return loadCertFiles(folder);
        }
        try {
            return parse(folder, new String(toml, StandardCharsets.UTF_8));
        } catch (ErrdefsException e) {
            LOG.log(System.Logger.Level.ERROR, "failed to decode hosts.toml in {0}: {1}", folder, e.getMessage());
            return loadCertFiles(folder);
        }
    }

    /**
     * Parses a {@code hosts.toml}: the {@code [host."…"]} entries in file order, then the top-level
     * one ({@code server}, "" when absent). Relative {@code ca} and {@code client} paths are taken
     * from {@code baseDir}.
     *
     * @throws ErrdefsException INVALID_ARGUMENT for TOML syntax, an unknown capability, or a value of the wrong type
     */
    public static List<HostConfig> parse(Path baseDir, String toml) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(toml);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr();
            throw Errdefs.invalidArgument("failed to parse TOML" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            root = new TomlMapper().createObjectNode();
        }
        List<HostConfig> hosts = new ArrayList<>();
        JsonNode hostTable = root.path("host");
        if (!hostTable.isMissingNode() && !hostTable.isObject()) {
            throw Errdefs.invalidArgument("invalid `host` tree");
        }
        for (var entry : hostTable.properties()) {
            hosts.add(parseHost(entry.getKey(), baseDir, entry.getValue()));
        }
        hosts.add(parseHost(text(root, "server"), baseDir, root));
        return hosts;
    }

    private static HostConfig parseHost(String server, Path baseDir, JsonNode config) {
        if (!config.isObject()) {
            throw Errdefs.invalidArgument("invalid host config for " + Errdefs.quote(server));
        }
        boolean overridePath = bool(config, "override_path", false);
        String scheme = "";
        String host = "";
        String path = "";
        if (!server.isEmpty()) {
            String withScheme = server.startsWith("http") ? server : "https://" + server;
            URI u;
            try {
                u = new URI(withScheme);
            } catch (URISyntaxException e) {
                throw Errdefs.invalidArgument("unable to parse server " + withScheme + ": " + e.getMessage());
            }
            scheme = u.getScheme() == null ? "" : u.getScheme();
            host = u.getRawAuthority() == null ? "" : u.getRawAuthority();
            String p = u.getRawPath() == null ? "" : u.getRawPath();
            if (!p.isEmpty()) {
                p = GoPaths.clean(p);
                if (!p.endsWith("/v2") && !overridePath) {
                    p = p + "/v2";
                }
            } else if (!overridePath) {
                p = "/v2";
            }
            path = p;
        }
        Boolean skipVerify = config.has("skip_verify") ? bool(config, "skip_verify", false) : null;
        return new HostConfig(scheme, host, path, capabilities(config), caCertificates(config, baseDir),
                clientKeyPairs(config, baseDir), skipVerify, header(config));
    }

    private static Set<HostCapability> capabilities(JsonNode config) {
        JsonNode caps = config.path("capabilities");
        if (caps.isMissingNode() || caps.isArray() && caps.isEmpty()) {
            return HostCapability.all();
        }
        if (!caps.isArray()) {
            throw Errdefs.invalidArgument("invalid type for \"capabilities\"");
        }
        Set<HostCapability> result = EnumSet.noneOf(HostCapability.class);
        for (JsonNode cap : caps) {
            switch (cap.asText().toLowerCase(Locale.ROOT)) {
                case "pull" -> result.add(HostCapability.PULL);
                case "resolve" -> result.add(HostCapability.RESOLVE);
                case "push" -> result.add(HostCapability.PUSH);
                default -> throw Errdefs.invalidArgument("unknown capability " + cap.asText());
            }
        }
        return result;
    }

    private static List<Path> caCertificates(JsonNode config, Path baseDir) {
        JsonNode ca = config.path("ca");
        if (ca.isMissingNode()) {
            return List.of();
        }
        if (ca.isTextual()) {
            return List.of(absolute(ca.asText(), baseDir));
        }
        if (ca.isArray()) {
            return strings(ca, "ca").stream().map(p -> absolute(p, baseDir)).toList();
        }
        throw Errdefs.invalidArgument("invalid type " + ca + " for \"ca\"");
    }

    private static List<ClientKeyPair> clientKeyPairs(JsonNode config, Path baseDir) {
        JsonNode client = config.path("client");
        if (client.isMissingNode()) {
            return List.of();
        }
        if (client.isTextual()) {
            return List.of(ClientKeyPair.combined(absolute(client.asText(), baseDir)));
        }
        if (!client.isArray()) {
            throw Errdefs.invalidArgument("invalid type " + client + " for \"client\"");
        }
        List<ClientKeyPair> pairs = new ArrayList<>();
        for (JsonNode item : client) {
            if (item.isTextual()) {
                pairs.add(ClientKeyPair.combined(absolute(item.asText(), baseDir)));
            } else if (item.isArray()) {
                List<String> pair = strings(item, "client");
                if (pair.size() != 2) {
                    throw Errdefs.invalidArgument("invalid pair " + item + " for \"client\"");
                }
                // an empty key file means the key is in the certificate's file
                Path cert = absolute(pair.get(0), baseDir);
                pairs.add(new ClientKeyPair(cert, pair.get(1).isEmpty() ? null : absolute(pair.get(1), baseDir)));
            } else {
                throw Errdefs.invalidArgument("invalid type " + item + " for \"client\"");
            }
        }
        return pairs;
    }

    private static Map<String, List<String>> header(JsonNode config) {
        JsonNode header = config.path("header");
        if (header.isMissingNode()) {
            return Map.of();
        }
        if (!header.isObject()) {
            throw Errdefs.invalidArgument("invalid type " + header + " for \"header\"");
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (var entry : header.properties()) {
            JsonNode value = entry.getValue();
            if (value.isTextual()) {
                result.put(entry.getKey(), List.of(value.asText()));
            } else if (value.isArray()) {
                result.put(entry.getKey(), strings(value, "header " + entry.getKey()));
            } else {
                throw Errdefs.invalidArgument("invalid type " + value + " for header " + Errdefs.quote(entry.getKey()));
            }
        }
        return result;
    }

    private static List<String> strings(JsonNode array, String what) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw Errdefs.invalidArgument("unable to cast " + item + " to string in " + Errdefs.quote(what));
            }
            out.add(item.asText());
        }
        return out;
    }

    private static String text(JsonNode config, String key) {
        JsonNode node = config.path(key);
        if (node.isMissingNode()) {
            return "";
        }
        if (!node.isTextual()) {
            throw Errdefs.invalidArgument("invalid type " + node + " for " + Errdefs.quote(key));
        }
        return node.asText();
    }

    private static boolean bool(JsonNode config, String key, boolean absent) {
        JsonNode node = config.path(key);
        if (node.isMissingNode()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw Errdefs.invalidArgument("invalid type " + node + " for " + Errdefs.quote(key));
        }
        return node.booleanValue();
    }

    private static Path absolute(String p, Path baseDir) {
        Path path = Path.of(p);
        return path.isAbsolute() ? path : baseDir.resolve(path).normalize();
    }

    /** A folder without hosts.toml: Docker's certs.d layout. */
    static List<HostConfig> loadCertFiles(Path folder) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (!Files.isDirectory(entry)) {
                    files.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of(HostConfig.unconfigured());
        }
        List<Path> cas = new ArrayList<>();
        List<ClientKeyPair> clients = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".crt")) {
                cas.add(file);
            }
            if (name.endsWith(".cert")) {
                Path key = folder.resolve(name.substring(0, name.length() - ".cert".length()) + ".key");
                clients.add(new ClientKeyPair(file, Files.exists(key) ? key : null));
            }
        }
        return List.of(new HostConfig("", "", "", Set.of(), cas, clients, null, Map.of()));
    }

}
