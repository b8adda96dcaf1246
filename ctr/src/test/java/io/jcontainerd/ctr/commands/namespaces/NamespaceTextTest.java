package io.jcontainerd.ctr.commands.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.client.Namespace;
import io.jcontainerd.ctr.Golden;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceTextTest {
    /** The namespaces behind golden/namespaces-table.txt, in the server's order. */
    private static final List<Namespace> NAMESPACES = List.of(
            new Namespace("golden-a", Map.of()),
            new Namespace("golden-b", Map.of("z", "1", "a", "x,y", "k", "v w")),
            new Namespace("uni2", Map.of("ключ", "значение", "é", "1", "z", "ü", "a", "日本")),
            new Namespace("yy", Map.of()));

    @Test
    void tableMatchesCtr() {
        assertThat(NamespaceText.table(NAMESPACES)).isEqualTo(Golden.read("namespaces-table.txt"));
    }

    @Test
    void emptyTableIsTheHeader() {
        assertThat(NamespaceText.table(List.of())).isEqualTo("NAME LABELS \n");
    }

    @Test
    void quietListsNames() {
        assertThat(NamespaceText.names(NAMESPACES)).isEqualTo("golden-a\ngolden-b\nuni2\nyy\n");
    }
}
