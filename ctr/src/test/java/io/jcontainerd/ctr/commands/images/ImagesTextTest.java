package io.jcontainerd.ctr.commands.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables against what ctr 1.6 printed for the same images (captured from Debian's ctr). */
class ImagesTextTest {
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String D1 = "sha256:bfeeb8cb2c2be927b9c973090150eecf67dade9e5994f77cc58a446908330c07";
    private static final String D2 = "sha256:d652f1ca4637c516d03a3b4493f978be2f6dca3b1925c86c352f10fdadbb44c7";

    @Test
    void listAlignsWithSpacesAndEndsRowsWithAPaddedLabelsColumn() {
        String table = ImagesText.list(List.of(
                new ImagesText.ListRow("example.com/idx:1", INDEX, D1, "1.4 KiB", "linux/amd64,linux/arm64", "-"),
                new ImagesText.ListRow("example.com/m:multi", INDEX, D2, "1.2 KiB", "linux/amd64,linux/arm64",
                        "a.b=1,team=infra"),
                new ImagesText.ListRow("example.com/m@" + D2, INDEX, D2, "1.2 KiB", "linux/amd64,linux/arm64", "-")));
        assertThat(table).isEqualTo(
                "REF                                                                                   TYPE                                    DIGEST                                                                  SIZE    PLATFORMS               LABELS           \n" +
                "example.com/idx:1                                                                     application/vnd.oci.image.index.v1+json sha256:bfeeb8cb2c2be927b9c973090150eecf67dade9e5994f77cc58a446908330c07 1.4 KiB linux/amd64,linux/arm64 -                \n" +
                "example.com/m:multi                                                                   application/vnd.oci.image.index.v1+json sha256:d652f1ca4637c516d03a3b4493f978be2f6dca3b1925c86c352f10fdadbb44c7 1.2 KiB linux/amd64,linux/arm64 a.b=1,team=infra \n" +
                "example.com/m@sha256:d652f1ca4637c516d03a3b4493f978be2f6dca3b1925c86c352f10fdadbb44c7 application/vnd.oci.image.index.v1+json sha256:d652f1ca4637c516d03a3b4493f978be2f6dca3b1925c86c352f10fdadbb44c7 1.2 KiB linux/amd64,linux/arm64 -                \n");
    }

    @Test
    void checkLeavesUnpackedOutsideTheColumns() {
        String table = ImagesText.check(List.of(
                new ImagesText.CheckRow("example.com/idx:1", INDEX, D1, "complete (2/2)", "298.0 B/298.0 B", true),
                new ImagesText.CheckRow("example.com/m:multi", INDEX, D2, "complete (2/2)", "298.0 B/298.0 B", true),
                new ImagesText.CheckRow("example.com/m@" + D2, INDEX, D2, "complete (2/2)", "298.0 B/298.0 B", true)));
        assertThat(table).isEqualTo(
                "REF                                                                                   TYPE                                    DIGEST                                                                  STATUS         SIZE            UNPACKED \n" +
                "example.com/idx:1                                                                     application/vnd.oci.image.index.v1+json sha256:bfeeb8cb2c2be927b9c973090150eecf67dade9e5994f77cc58a446908330c07 complete (2/2) 298.0 B/298.0 B true\n" +
                "example.com/m:multi                                                                   application/vnd.oci.image.index.v1+json sha256:d652f1ca4637c516d03a3b4493f978be2f6dca3b1925c86c352f10fdadbb44c7 complete (2/2) 298.0 B/298.0 B true\n" +
                "example.com/m@sha256:d652f1ca4637c516d03a3b4493f978be2f6dca3b1925c86c352f10fdadbb44c7 application/vnd.oci.image.index.v1+json sha256:d652f1ca4637c516d03a3b4493f978be2f6dca3b1925c86c352f10fdadbb44c7 complete (2/2) 298.0 B/298.0 B true\n");
    }
}
