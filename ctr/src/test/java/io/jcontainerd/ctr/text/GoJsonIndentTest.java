package io.jcontainerd.ctr.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Go's json.Indent layout: one member per line, "key": value, empty containers compact, strings untouched. */
class GoJsonIndentTest {
    @Test
    void indentsLikeGo() {
        String compact = "{\"a\":[1,{\"b\":\"x, y: {z}\"}],\"e\":{},\"f\":[], \"g\" : \"q\\\"uote\\\\\"}";
        assertThat(GoJsonIndent.indent(compact, "  ")).isEqualTo("""
                {
                  "a": [
                    1,
                    {
                      "b": "x, y: {z}"
                    }
                  ],
                  "e": {},
                  "f": [],
                  "g": "q\\"uote\\\\"
                }""");
    }
}
