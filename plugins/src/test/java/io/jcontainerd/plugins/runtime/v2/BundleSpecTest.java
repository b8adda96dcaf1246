package io.jcontainerd.plugins.runtime.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BundleSpecTest {
    private static String annotated(String json) {
        return new String(BundleSpec.of(json.getBytes(StandardCharsets.UTF_8)).withAnnotation("k", "v"),
                StandardCharsets.UTF_8);
    }

    @Test
    void anAddedAnnotationLeavesTheRestAsItWas() {
        assertThat(annotated("""
                {"ociVersion":"1.0.2","linux":{"resources":{"memory":{"limit":18446744073709551615,"swappiness":0},\
                "cpu":{"shares":1024,"quota":-1}},"x":0.10,"y":1e400},"process":{"args":["sh","-c","echo \\u00e9 <&>"]},\
                "annotations":{"a":"b"}}"""))
                .isEqualTo("""
                {"ociVersion":"1.0.2","linux":{"resources":{"memory":{"limit":18446744073709551615,"swappiness":0},\
                "cpu":{"shares":1024,"quota":-1}},"x":0.10,"y":1E+400},"process":{"args":["sh","-c","echo é <&>"]},\
                "annotations":{"a":"b","k":"v"}}""");
    }

    @Test
    void aSpecWithoutAnnotationsGetsThem() {
        assertThat(annotated("{\"ociVersion\":\"1.0.2\"}")).isEqualTo("{\"ociVersion\":\"1.0.2\",\"annotations\":{\"k\":\"v\"}}");
        assertThat(annotated("{\"annotations\":null}")).isEqualTo("{\"annotations\":{\"k\":\"v\"}}");
    }

    @Test
    void onlyStringAnnotationsAreRead() {
        BundleSpec spec = BundleSpec.of("{\"annotations\":{\"s\":\"t\",\"n\":1,\"o\":{}}}".getBytes(StandardCharsets.UTF_8));
        assertThat(spec.annotations()).containsExactly(java.util.Map.entry("s", "t"));
    }

    @Test
    void whatIsNoJsonObjectIsKeptAsGiven() {
        for (String text : new String[] {"", "[]", "{\"a\":", "null", "{\"a\":1} x", "{\"a\":{\"b\":1},\"a\":{\"c\":2}}"}) {
            BundleSpec spec = BundleSpec.of(text.getBytes(StandardCharsets.UTF_8));
            assertThat(spec.editable()).as(text).isFalse();
            assertThat(spec.annotations()).isEmpty();
            assertThat(spec.bytes()).asString(StandardCharsets.UTF_8).isEqualTo(text);
            assertThatThrownBy(() -> spec.withAnnotation("k", "v")).isInstanceOf(IllegalStateException.class);
        }
    }
}
