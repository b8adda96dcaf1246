package io.jcontainerd.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageJsonTest {
    static final String DIFF = "sha256:3d24ee258efc3bfe4066a1a9fb83febf6dc0b1548dfe896161533668281c9f4f";
    static final String LAYER = "sha256:a0d0a0d46f8b52473982a3c466318f479767577551a53ffc9074c9fa7035982e";

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A docker-built config as `docker save` writes it: many fields the model does not keep. */
    static final String DOCKER_CONFIG = """
            {"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"1000:1000","AttachStdin":false,
            "ExposedPorts":{"80/tcp":{},"443/tcp":{}},"Tty":false,"Env":["PATH=/usr/local/bin:/usr/bin","A=b"],
            "Cmd":["nginx","-g","daemon off;"],"Healthcheck":{"Test":["CMD","true"]},"Image":"sha256:abc",
            "Volumes":{"/var/cache":null},"WorkingDir":"/srv","Entrypoint":["/docker-entrypoint.sh"],"OnBuild":null,
            "Labels":{"maintainer":"x"},"StopSignal":"SIGQUIT","ArgsEscaped":true},
            "container":"0f3a","container_config":{"Cmd":["/bin/sh"]},"created":"2023-03-01T04:05:06.123456789Z",
            "docker_version":"20.10.23","history":[{"created":"2023-03-01T04:05:06Z","created_by":"/bin/sh -c #(nop) ADD",
            "empty_layer":true},{"created_by":"CMD"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["%s"]}}
            """.formatted(DIFF);

    @Test
    void reads_a_docker_config_ignoring_what_it_does_not_model() {
        ImageConfig config = ImageJson.read(bytes(DOCKER_CONFIG), ImageConfig.class, "config");
        assertThat(config.platform()).isEqualTo(Platform.of("linux", "amd64"));
        assertThat(config.created()).isEqualTo("2023-03-01T04:05:06.123456789Z");
        assertThat(config.rootFs()).isEqualTo(new RootFs("layers", List.of(Digest.parse(DIFF))));
        ContainerConfig c = config.config();
        assertThat(c.user()).isEqualTo("1000:1000");
        assertThat(c.exposedPorts()).containsExactlyInAnyOrder("80/tcp", "443/tcp");
        assertThat(c.volumes()).containsExactly("/var/cache");
        assertThat(c.env()).containsExactly("PATH=/usr/local/bin:/usr/bin", "A=b");
        assertThat(c.entrypoint()).containsExactly("/docker-entrypoint.sh");
        assertThat(c.cmd()).containsExactly("nginx", "-g", "daemon off;");
        assertThat(c.workingDir()).isEqualTo("/srv");
        assertThat(c.labels()).containsExactly(Map.entry("maintainer", "x"));
        assertThat(c.stopSignal()).isEqualTo("SIGQUIT");
        assertThat(c.argsEscaped()).isTrue();
        assertThat(config.history()).containsExactly(
                new History("2023-03-01T04:05:06Z", "/bin/sh -c #(nop) ADD", "", "", true),
                new History("", "CMD", "", "", false));
    }

    @Test
    void absent_and_null_read_as_empty_and_names_match_ignoring_case() {
        ImageConfig empty = ImageJson.read(bytes("{}"), ImageConfig.class, "config");
        assertThat(empty.config()).isEqualTo(ContainerConfig.EMPTY);
        assertThat(empty.rootFs()).isEqualTo(RootFs.EMPTY);
        assertThat(ImageJson.read(bytes("null"), ImageConfig.class, "config")).isEqualTo(empty);
        ImageConfig shouting = ImageJson.read(bytes("{\"OS\":\"linux\",\"Architecture\":\"arm64\",\"ROOTFS\":{\"Diff_IDs\":[\""
                + DIFF + "\"]},\"config\":{\"env\":null,\"cmd\":[\"sh\"]}}"), ImageConfig.class, "config");
        assertThat(shouting.platform()).isEqualTo(Platform.of("linux", "arm64"));
        assertThat(shouting.rootFs().diffIds()).containsExactly(Digest.parse(DIFF));
        assertThat(shouting.config().cmd()).containsExactly("sh");
        assertThat(shouting.config().env()).isEmpty();
    }

    @Test
    void reads_an_index_entry_with_platform_urls_and_annotations() {
        Index index = ImageJson.read(bytes("""
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
                {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":7143,
                 "urls":["https://example.invalid/x"],"annotations":{"a":"b"},"data":"e30=","artifactType":"x",
                 "platform":{"architecture":"arm64","os":"linux","variant":"v8","os.version":"1","os.features":["f"]}}],
                "annotations":{"org.opencontainers.image.ref.name":"1.0"}}
                """.formatted(LAYER)), Index.class, "index");
        assertThat(index.schemaVersion()).isEqualTo(2);
        assertThat(index.annotations()).containsEntry("org.opencontainers.image.ref.name", "1.0");
        assertThat(index.manifests()).containsExactly(new ImageDescriptor(MediaTypes.OCI_MANIFEST, Digest.parse(LAYER), 7143,
                List.of("https://example.invalid/x"), Map.of("a", "b"), new Platform("linux", "arm64", "v8", "1", List.of("f"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"schemaVersion\":\"2\",\"config\":{\"digest\":\"" + LAYER + "\",\"size\":1}}",
            "{\"schemaVersion\":2.0,\"config\":{\"digest\":\"" + LAYER + "\",\"size\":1}}",
            "{\"schemaVersion\":2,\"mediaType\":5,\"config\":{\"digest\":\"" + LAYER + "\",\"size\":1}}",
            "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + LAYER + "\",\"size\":1.5}}",
            "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + LAYER + "\",\"size\":99999999999999999999}}",
            "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + LAYER + "\",\"size\":1}} {}",
            "{\"schemaVersion\":2,\"schemaVersion\":2,\"config\":{\"digest\":\"" + LAYER + "\",\"size\":1}}",
            "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:xyz\",\"size\":1}}",
            "{\"schemaVersion\":2,\"config\":{\"digest\":\"md5:d41d8cd98f00b204e9800998ecf8427e\",\"size\":1}}",
            "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + "SHA256:A0D0A0D46F8B52473982A3C466318F479767577551A53FFC9074C9FA7035982E\",\"size\":1}}",
            "{\"schemaVersion\":2,\"config\":{\"size\":1}}",
            "{\"schemaVersion\":2}",
            "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + LAYER + "\",\"size\":1},\"layers\":{}}",
            "[]",
            "{\"schemaVersion\":2,",
    })
    void refuses_what_gos_decoder_refuses_and_what_cannot_be_a_manifest(String json) {
        assertThatThrownBy(() -> ImageJson.read(bytes(json), Manifest.class, "manifest x"))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageStartingWith("failed to decode manifest x: ");
    }

    @Test
    void errors_say_where_and_why() {
        assertThatThrownBy(() -> ImageJson.read(bytes("{\"config\":{\"digest\":\"sha256:xyz\",\"size\":1}}"), Manifest.class, "m"))
                .hasMessage("failed to decode m: config.digest: digest \"sha256:xyz\": invalid checksum digest length");
        assertThatThrownBy(() -> ImageJson.read(bytes("{\"config\":{\"size\":1}}"), Manifest.class, "m"))
                .hasMessage("failed to decode m: config: descriptor without digest");
        assertThatThrownBy(() -> ImageJson.read(bytes("{\"schemaVersion\":2}"), Manifest.class, "m"))
                .hasMessage("failed to decode m: manifest without config");
        assertThatThrownBy(() -> ImageJson.read(bytes("{\"config\":{\"ExposedPorts\":{\"80/tcp\":1}}}"), ImageConfig.class, "c"))
                .hasMessage("failed to decode c: config.ExposedPorts: value of 80/tcp must be an object");
    }

    @Test
    void bounds_nesting_so_a_hostile_document_cannot_exhaust_the_stack() {
        String deep = "{\"x\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThatThrownBy(() -> ImageJson.read(bytes(deep), ImageConfig.class, "config"))
                .isInstanceOf(ErrdefsException.class).hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> DocumentShape.check(bytes(deep), MediaTypes.OCI_MANIFEST)).isInstanceOf(ErrdefsException.class);
        String fine = "{\"x\":".repeat(100) + "1" + "}".repeat(100);
        assertThat(ImageJson.read(bytes(fine), ImageConfig.class, "config").os()).isEmpty();
    }

    @Test
    void writes_like_go_json_marshal_field_order_sorted_maps_and_escapes() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("z", "<a&b>");
        annotations.put("a", "line\u2028sep\b\f\n\"/");
        ImageDescriptor desc = new ImageDescriptor(MediaTypes.OCI_MANIFEST, Digest.parse(LAYER), 42, List.of(), annotations,
                Platform.of("linux", "amd64"));
        Index index = new Index(2, MediaTypes.OCI_INDEX, List.of(desc), Map.of());
        assertThat(new String(ImageJson.write(index), StandardCharsets.UTF_8)).isEqualTo(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + LAYER + "\",\"size\":42,"
                        + "\"annotations\":{\"a\":\"line\\u2028sep\\u0008\\u000c\\n\\\"/\",\"z\":\"\\u003ca\\u0026b\\u003e\"},"
                        + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}");
        assertThat(ImageJson.read(ImageJson.write(index), Index.class, "index")).isEqualTo(index);
    }

    @Test
    void writes_a_config_with_key_sets_as_objects_and_without_empty_fields() {
        ContainerConfig c = new ContainerConfig("", Set.of("443/tcp", "80/tcp"), List.of("A=b"), null, List.of("sh"), null, "",
                null, "", false);
        ImageConfig config = new ImageConfig("", "", "amd64", "", "linux", "", null, c,
                new RootFs("layers", List.of(Digest.parse(DIFF))), null);
        String json = new String(ImageJson.write(config), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"ExposedPorts\":"
                + "{\"443/tcp\":{},\"80/tcp\":{}},\"Env\":[\"A=b\"],\"Cmd\":[\"sh\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + DIFF + "\"]}}");
        assertThat(ImageJson.read(bytes(json), ImageConfig.class, "config")).isEqualTo(config);
        assertThat(new String(ImageJson.write(new ImageConfig(null, null, null, null, null, null, null, null, null, null)),
                StandardCharsets.UTF_8)).isEqualTo("{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"\",\"diff_ids\":[]}}");
    }

    @Test
    void writes_non_ascii_as_utf8() {
        Index index = new Index(2, "", List.of(), Map.of("k", "é😀"));
        assertThat(new String(ImageJson.write(index), StandardCharsets.UTF_8))
                .isEqualTo("{\"schemaVersion\":2,\"manifests\":[],\"annotations\":{\"k\":\"é😀\"}}");
    }
}
