package io.jcontainerd.image;

import static io.jcontainerd.image.MediaTypes.DOCKER_CONFIG;
import static io.jcontainerd.image.MediaTypes.DOCKER_LAYER_GZIP;
import static io.jcontainerd.image.MediaTypes.DOCKER_MANIFEST;
import static io.jcontainerd.image.MediaTypes.DOCKER_MANIFEST_LIST;
import static io.jcontainerd.image.MediaTypes.OCI_CONFIG;
import static io.jcontainerd.image.MediaTypes.OCI_INDEX;
import static io.jcontainerd.image.MediaTypes.OCI_LAYER_GZIP;
import static io.jcontainerd.image.MediaTypes.OCI_MANIFEST;
import static io.jcontainerd.image.TestImages.diffId;
import static io.jcontainerd.image.TestImages.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ImagesTest {
    final TestImages images = new TestImages();
    final MemoryContent content = images.content;

    static MatchComparer only(String specifier) {
        return Platforms.only(Platforms.parse(specifier));
    }

    static Consumer<ErrdefsException> kind(ErrorKind kind) {
        return e -> assertThat(e.kind()).isEqualTo(kind);
    }

    @AfterEach
    void every_reader_is_closed() {
        assertThat(content.openReaders()).isZero();
    }

    /** An OCI index for linux/amd64 (two layers), linux/arm64/v8 and windows/amd64 (one each). */
    @Nested
    class MultiPlatformIndex {
        final ImageDescriptor amd64Base = images.layer(OCI_LAYER_GZIP, "amd64 base");
        final ImageDescriptor amd64Top = images.layer(OCI_LAYER_GZIP, "amd64 top");
        final ImageDescriptor amd64Config = images.config(OCI_CONFIG, "linux", "amd64", diffId("amd64 base"), diffId("amd64 top"));
        final ImageDescriptor amd64 = images.manifest(OCI_MANIFEST, amd64Config, amd64Base, amd64Top);
        final ImageDescriptor armLayer = images.layer(OCI_LAYER_GZIP, "arm64");
        final ImageDescriptor armConfig = images.config(OCI_CONFIG, "linux", "arm64", diffId("arm64"));
        final ImageDescriptor arm64 = images.manifest(OCI_MANIFEST, armConfig, armLayer);
        final ImageDescriptor winLayer = images.layer(OCI_LAYER_GZIP, "windows");
        final ImageDescriptor winConfig = images.config(OCI_CONFIG, "windows", "amd64", diffId("windows"));
        final ImageDescriptor windows = images.manifest(OCI_MANIFEST, winConfig, winLayer);
        final ImageDescriptor index = images.index(OCI_INDEX,
                on(windows, "windows/amd64").withPlatform(new Platform("windows", "amd64", "", "10.0.17763.4131", List.of())),
                on(arm64, "linux/arm64/v8"), on(amd64, "linux/amd64"));

        @Test
        void resolves_the_manifest_each_platform_prefers() throws Exception {
            assertThat(Images.manifest(content, index, only("linux/amd64")).config()).isEqualTo(amd64Config);
            assertThat(Images.manifest(content, index, only("linux/arm64")).config()).isEqualTo(armConfig);
            assertThat(Images.manifest(content, index, only("windows/amd64")).config()).isEqualTo(winConfig);
            assertThat(Images.config(content, index, Platforms.defaultMatcher())).isEqualTo(amd64Config);
            // no preference: the first entry
            assertThat(Images.config(content, index, Platforms.all())).isEqualTo(winConfig);
        }

        @Test
        void a_platform_without_an_entry_is_not_found() {
            assertThatThrownBy(() -> Images.manifest(content, index, only("linux/arm/v7")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.NOT_FOUND))
                    .hasMessage("no match for platform in manifest " + index.digest() + ": not found");
            assertThatThrownBy(() -> Images.size(content, index, only("linux/s390x")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.NOT_FOUND))
                    .hasMessage("no match for platform in manifest: not found");
        }

        @Test
        void size_counts_the_index_and_one_platforms_manifest_config_and_layers() throws Exception {
            assertThat(Images.size(content, index, only("linux/amd64")))
                    .isEqualTo(index.size() + amd64.size() + amd64Config.size() + amd64Base.size() + amd64Top.size());
            assertThat(Images.size(content, index, only("linux/arm64/v8")))
                    .isEqualTo(index.size() + arm64.size() + armConfig.size() + armLayer.size());
        }

        @Test
        void platforms_lists_each_entry_as_declared() throws Exception {
            assertThat(Images.platforms(content, index)).extracting(Platforms::format)
                    .containsExactly("windows/amd64", "linux/arm64/v8", "linux/amd64");
            assertThat(Images.platforms(content, index).getFirst().osVersion()).isEqualTo("10.0.17763.4131");
        }

        @Test
        void check_reports_config_and_layers_of_the_platform_present() throws Exception {
            CheckResult result = Images.check(content, index, only("linux/amd64"));
            assertThat(result.available()).isTrue();
            assertThat(result.complete()).isTrue();
            assertThat(result.required()).containsExactly(amd64Config, amd64Base, amd64Top);
            assertThat(result.present()).containsExactly(amd64Config, amd64Base, amd64Top);
            assertThat(result.missing()).isEmpty();
            assertThat(result.requiredSize()).isEqualTo(amd64Config.size() + amd64Base.size() + amd64Top.size());
        }

        @Test
        void a_missing_layer_is_reported_missing_and_does_not_stop_size() throws Exception {
            content.delete(armLayer);
            CheckResult arm = Images.check(content, index, only("linux/arm64"));
            assertThat(arm.available()).isTrue();
            assertThat(arm.complete()).isFalse();
            assertThat(arm.present()).containsExactly(armConfig);
            assertThat(arm.missing()).containsExactly(armLayer);
            assertThat(arm.presentSize()).isEqualTo(armConfig.size());
            assertThat(Images.check(content, index, only("linux/amd64")).complete()).isTrue();
            assertThat(Images.size(content, index, only("linux/arm64"))).isEqualTo(
                    index.size() + arm64.size() + armConfig.size() + armLayer.size());
        }

        @Test
        void a_missing_manifest_makes_its_platform_unavailable_and_its_size_not_found() throws Exception {
            content.delete(arm64);
            CheckResult arm = Images.check(content, index, only("linux/arm64"));
            assertThat(arm).isEqualTo(new CheckResult(false, List.of(index), List.of(), List.of(index)));
            assertThatThrownBy(() -> Images.size(content, index, only("linux/arm64")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.NOT_FOUND));
            // ctr images ls still prints what was counted before the failure
            AtomicLong partial = new AtomicLong();
            assertThatThrownBy(() -> Images.countSize(content, index, only("linux/arm64"), partial))
                    .hasMessage("content " + arm64.digest() + ": not found");
            assertThat(partial).hasValue(index.size() + arm64.size());
            assertThat(Images.size(content, index, only("linux/amd64"))).isPositive();
            assertThat(Images.platforms(content, index)).hasSize(3);
        }

        @Test
        void layers_pair_each_blob_with_its_diff_id_and_chain_ids_follow() throws Exception {
            List<Layer> layers = Images.layers(content, index, only("linux/amd64"));
            assertThat(layers).containsExactly(new Layer(amd64Base, diffId("amd64 base")), new Layer(amd64Top, diffId("amd64 top")));
            assertThat(ChainIds.chainId(layers.stream().map(Layer::diffId).toList()))
                    .contains(io.jcontainerd.core.content.Digest.fromString(diffId("amd64 base") + " " + diffId("amd64 top")));
        }
    }

    /** A Docker schema 2 image as `docker save` writes it: one manifest, no index. */
    @Nested
    class DockerManifest {
        final ImageDescriptor layer = images.layer(DOCKER_LAYER_GZIP, "rootfs");
        final ImageDescriptor config = images.config(DOCKER_CONFIG, "linux", "arm64", diffId("rootfs"));
        final ImageDescriptor manifest = images.manifest(DOCKER_MANIFEST, config, layer);

        @Test
        void the_target_manifest_is_taken_whatever_the_platform() throws Exception {
            assertThat(Images.manifest(content, manifest, only("linux/amd64")).layers()).containsExactly(layer);
            assertThat(Images.size(content, manifest, only("linux/amd64"))).isEqualTo(manifest.size() + config.size() + layer.size());
            assertThat(Images.check(content, manifest, only("windows/amd64")).complete()).isTrue();
        }

        @Test
        void platforms_come_from_the_config() throws Exception {
            assertThat(Images.platforms(content, manifest)).containsExactly(Platform.of("linux", "arm64"));
            assertThat(Images.imageConfig(content, config).config().cmd()).containsExactly("sh");
            assertThat(Images.rootFs(content, config)).containsExactly(diffId("rootfs"));
        }

        @Test
        void children_are_config_then_layers_and_leaves_have_none() throws Exception {
            assertThat(Images.children(content, manifest)).containsExactly(config, layer);
            assertThat(Images.children(content, config)).isEmpty();
            assertThat(Images.children(content, layer)).isEmpty();
        }

        @Test
        void a_config_naming_another_number_of_layers_is_refused() {
            ImageDescriptor twoIds = images.config(DOCKER_CONFIG, "linux", "arm64", diffId("rootfs"), diffId("other"));
            ImageDescriptor bad = images.manifest(DOCKER_MANIFEST, twoIds, layer);
            assertThatThrownBy(() -> Images.layers(content, bad, only("linux/arm64")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.INVALID_ARGUMENT))
                    .hasMessage("mismatched image rootfs and manifest layers");
            content.delete(twoIds);
            assertThatThrownBy(() -> Images.layers(content, bad, only("linux/arm64")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.NOT_FOUND))
                    .hasMessageStartingWith("failed to resolve rootfs: ");
        }
    }

    /** A Docker manifest list whose entries may leave the platform out; the config then decides. */
    @Nested
    class ManifestListWithoutPlatforms {
        final ImageDescriptor armConfig = images.config(DOCKER_CONFIG, "linux", "aarch64");
        final ImageDescriptor arm = images.manifest(DOCKER_MANIFEST, armConfig);
        final ImageDescriptor amdConfig = images.config(DOCKER_CONFIG, "linux", "amd64");
        final ImageDescriptor amd = images.manifest(DOCKER_MANIFEST, amdConfig);
        final ImageDescriptor list = images.index(DOCKER_MANIFEST_LIST, arm, on(amd, "linux/amd64"));

        @Test
        void entries_with_a_matching_platform_come_first_then_configs_decide() throws Exception {
            assertThat(Images.config(content, list, only("linux/amd64"))).isEqualTo(amdConfig);
            assertThat(Images.config(content, list, only("linux/arm64"))).isEqualTo(armConfig);
            assertThatThrownBy(() -> Images.config(content, list, only("linux/s390x")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.NOT_FOUND))
                    .hasMessage("no match for platform in manifest " + list.digest() + ": not found");
        }

        @Test
        void platforms_normalize_what_configs_say_but_not_what_entries_declare() throws Exception {
            assertThat(Images.platforms(content, list)).containsExactly(Platform.of("linux", "arm64"), Platform.of("linux", "amd64"));
        }
    }

    /** Documents whose body contradicts their media type (GHSA-5j5w-g665-5m35) are rejected, never reinterpreted. */
    @Nested
    class ConfusedDocuments {
        final ImageDescriptor config = images.config(OCI_CONFIG, "linux", "amd64");
        final ImageDescriptor manifest = images.manifest(OCI_MANIFEST, config);
        final ImageDescriptor index = images.index(OCI_INDEX, on(manifest, "linux/amd64"));
        /** The index's bytes under a manifest media type. */
        final ImageDescriptor indexAsManifest = ImageDescriptor.of(OCI_MANIFEST, index.digest(), index.size());
        final ImageDescriptor manifestAsIndex = ImageDescriptor.of(DOCKER_MANIFEST_LIST, manifest.digest(), manifest.size());

        @Test
        void a_manifest_that_is_an_index_is_rejected() {
            String why = "invalid desc " + index.digest() + ": media-type: expected manifest but found index (" + OCI_MANIFEST + ")";
            assertThatThrownBy(() -> Images.manifest(content, indexAsManifest, only("linux/amd64")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.INVALID_ARGUMENT))
                    .hasMessage("manifest: " + why);
            assertThatThrownBy(() -> Images.children(content, indexAsManifest)).hasMessage("children: " + why);
            assertThatThrownBy(() -> Images.size(content, indexAsManifest, only("linux/amd64"))).hasMessage("children: " + why);
            assertThatThrownBy(() -> Images.check(content, indexAsManifest, only("linux/amd64")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.INVALID_ARGUMENT))
                    .hasMessage("failed to check image " + index.digest() + ": manifest: " + why);
        }

        @Test
        void an_index_that_is_a_manifest_is_rejected_also_below_another_index() {
            assertThatThrownBy(() -> Images.manifest(content, manifestAsIndex, only("linux/amd64")))
                    .hasMessage("manifest: invalid desc " + manifest.digest() + ": media-type: expected index but found manifest ("
                            + DOCKER_MANIFEST_LIST + ")");
            ImageDescriptor outer = images.index(OCI_INDEX, manifestAsIndex);
            assertThatThrownBy(() -> Images.platforms(content, outer))
                    .hasMessageStartingWith("children: invalid desc " + manifest.digest() + ": media-type: expected index");
        }
    }

    @Nested
    class Failures {
        final ImageDescriptor config = images.config(OCI_CONFIG, "linux", "amd64");
        final ImageDescriptor manifest = images.manifest(OCI_MANIFEST, config);

        @Test
        void a_missing_target_is_unavailable_to_check_and_not_found_elsewhere() throws Exception {
            content.delete(manifest);
            assertThat(Images.check(content, manifest, only("linux/amd64")))
                    .isEqualTo(new CheckResult(false, List.of(manifest), List.of(), List.of(manifest)));
            assertThatThrownBy(() -> Images.size(content, manifest, only("linux/amd64")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.NOT_FOUND));
            assertThatThrownBy(() -> Images.platforms(content, manifest))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.NOT_FOUND));
        }

        @Test
        void a_target_of_another_type_has_no_manifest() throws Exception {
            ImageDescriptor other = ImageDescriptor.of("application/x-unknown", manifest.digest(), manifest.size());
            assertThatThrownBy(() -> Images.manifest(content, other, only("linux/amd64")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.NOT_FOUND))
                    .hasMessage("unexpected media type application/x-unknown for " + manifest.digest() + ": not found");
            assertThat(Images.check(content, other, only("linux/amd64")).available()).isFalse();
            assertThat(Images.size(content, other, only("linux/amd64"))).isEqualTo(manifest.size());
            assertThat(Images.platforms(content, other)).isEmpty();
        }

        @Test
        void a_negative_size_is_invalid() {
            ImageDescriptor negative = new ImageDescriptor(OCI_LAYER_GZIP, config.digest(), -1, List.of(), java.util.Map.of(), null);
            ImageDescriptor bad = images.manifest(OCI_MANIFEST, config, negative);
            assertThatThrownBy(() -> Images.size(content, bad, only("linux/amd64")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.INVALID_ARGUMENT))
                    .hasMessage("invalid size -1 in " + config.digest() + " (" + OCI_LAYER_GZIP + ")");
        }

        @Test
        void a_document_over_the_size_cap_is_refused_before_it_is_read() {
            byte[] huge = new byte[(int) Blobs.MAX_DOCUMENT_SIZE + 1];
            ImageDescriptor big = content.put(OCI_MANIFEST, huge);
            assertThatThrownBy(() -> Images.manifest(content, big, only("linux/amd64")))
                    .isInstanceOfSatisfying(ErrdefsException.class, kind(ErrorKind.RESOURCE_EXHAUSTED));
        }
    }

    @Test
    void a_deep_chain_of_indexes_walks_without_exhausting_the_stack() throws Exception {
        ImageDescriptor config = images.config(OCI_CONFIG, "linux", "amd64");
        ImageDescriptor top = images.manifest(OCI_MANIFEST, config);
        for (int i = 0; i < 5_000; i++) {
            top = images.index(OCI_INDEX, top);
        }
        assertThat(Images.config(content, top, only("linux/amd64"))).isEqualTo(config);
        assertThat(Images.platforms(content, top)).containsExactly(Platform.of("linux", "amd64"));
    }

    @Test
    void walk_visits_each_descriptor_before_its_children_and_children_before_siblings() throws Exception {
        ImageDescriptor a = images.config(OCI_CONFIG, "linux", "a");
        ImageDescriptor b = images.config(OCI_CONFIG, "linux", "b");
        ImageDescriptor m1 = images.manifest(OCI_MANIFEST, a);
        ImageDescriptor m2 = images.manifest(OCI_MANIFEST, b);
        ImageDescriptor index = images.index(OCI_INDEX, m1, m2);
        List<ImageDescriptor> visited = new ArrayList<>();
        Handlers.walk(Handlers.sequence(d -> {
            visited.add(d);
            return List.of();
        }, Handlers.children(content)), List.of(index));
        assertThat(visited).containsExactly(index, m1, a, m2, b);
    }

    @Test
    void limit_manifests_sorts_index_entries_by_preference_and_keeps_those_without_platform_last() throws Exception {
        ImageDescriptor config = images.config(OCI_CONFIG, "linux", "amd64");
        ImageDescriptor m = images.manifest(OCI_MANIFEST, config);
        ImageDescriptor plain = ImageDescriptor.of(OCI_MANIFEST, m.digest(), 1);
        ImageDescriptor i386 = on(m, "linux/386");
        ImageDescriptor amd64 = on(m, "linux/amd64");
        ImageDescriptor index = images.index(OCI_INDEX, plain, i386, amd64);
        Handler all = Handlers.limitManifests(Handlers.children(content), only("linux/amd64"), 0);
        assertThat(all.handle(index)).containsExactly(amd64, i386, plain);
        Handler first = Handlers.limitManifests(Handlers.children(content), only("linux/amd64"), 1);
        assertThat(first.handle(index)).containsExactly(amd64);
        assertThat(first.handle(m)).containsExactly(config);
        Handler filtered = Handlers.filterPlatforms(Handlers.children(content), only("linux/386"));
        assertThat(filtered.handle(index)).containsExactly(plain, i386);
    }
}
