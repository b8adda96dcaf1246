package io.jcontainerd.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPlatformTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"amd64,amd64", "x86_64,amd64", "aarch64,arm64", "x86,386", "i686,386", "arm,arm", "ppc64le,ppc64le",
            "s390x,s390x", "riscv64,riscv64", "loongarch64,loong64"})
    void names_jvm_architectures_as_go_does(String osArch, String goarch) {
        assertThat(HostPlatform.goarch(osArch)).isEqualTo(goarch);
    }

    @Test
    void names_jvm_operating_systems_as_go_does() {
        assertThat(HostPlatform.goos("Linux")).isEqualTo("linux");
        assertThat(HostPlatform.goos("Mac OS X")).isEqualTo("darwin");
        assertThat(HostPlatform.goos("Windows Server 2022")).isEqualTo("windows");
        assertThat(HostPlatform.goos("FreeBSD")).isEqualTo("freebsd");
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "arm64|8|v8",
            "arm64|AArch64|v8",
            "arm|7|v7",
            "arm|?(12)|v7",
            "arm|6TEJ|v6",
            "arm|5te|v5",
            "arm|4t|v4",
            "arm|3|v3",
            "arm|9|unknown",
    })
    void reads_the_arm_variant_from_cpuinfo(String goarch, String reported, String variant) {
        String cpuinfo = "processor\t: 0\nBogoMIPS\t: 50.00\nCPU architecture: " + reported + "\r\nCPU variant\t: 0x0\n";
        assertThat(HostPlatform.cpuVariant(cpuinfo, goarch)).isEqualTo(variant);
    }

    @Test
    void a_raspberry_pi_v6_reporting_7_is_v6_and_no_architecture_line_is_no_variant() {
        String pi = "model name\t: ARMv6-compatible processor rev 7 (v6l)\nCPU architecture: 7\n";
        assertThat(HostPlatform.cpuVariant(pi, "arm")).isEqualTo("v6");
        assertThat(HostPlatform.cpuVariant(pi, "arm64")).isEqualTo("v7");
        assertThat(HostPlatform.cpuVariant("processor\t: 0\n", "arm64")).isEmpty();
    }
}
