package io.jcontainerd.ctr.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TabWriterTest {
    private static String format(int minWidth, int tabWidth, int padding, char padChar, String text) {
        StringBuilder out = new StringBuilder();
        TabWriter w = new TabWriter(out, minWidth, tabWidth, padding, padChar);
        w.print(text);
        w.flush();
        return out.toString();
    }

    @Test
    void padsEachColumnToItsWidestCellPlusPadding() {
        assertThat(format(1, 8, 1, ' ', "NAME\tLABELS\t\nfoo\ta=1,b=true\t\n"))
                .isEqualTo("NAME LABELS     \nfoo  a=1,b=true \n");
    }

    @Test
    void textAfterTheLastTabIsNotAligned() {
        assertThat(format(1, 8, 2, ' ', "a\tlong text\nbbbb\tx\n")).isEqualTo("a     long text\nbbbb  x\n");
    }

    @Test
    void minWidthAppliesToShortColumns() {
        assertThat(format(4, 8, 4, ' ', "\t\t\t\n")).isEqualTo("            \n");
        assertThat(format(6, 8, 1, ' ', "a\tb\n")).isEqualTo("a     b\n");
    }

    @Test
    void aLineWithoutTheColumnEndsTheBlock() {
        // "c" has no tab: the two blocks around it are aligned independently
        assertThat(format(1, 8, 1, ' ', "a\tx\nc\nlonger\ty\n")).isEqualTo("a x\nc\nlonger y\n");
    }

    @Test
    void nestedBlocksAlignOnlyTheLinesThatShareAColumn() {
        String text = "Type:\t x\nExports:\t\n\t k \t v\n\t longer \t w\nID:\t y\n";
        // column 0 is 12 wide ("Exports:" + 4); column 1 only spans the two export lines
        assertThat(format(4, 8, 4, ' ', text)).isEqualTo(
                "Type:" + " ".repeat(7) + " x\n"
                + "Exports:" + " ".repeat(4) + "\n"
                + " ".repeat(12) + " k " + " ".repeat(9) + " v\n"
                + " ".repeat(12) + " longer " + " ".repeat(4) + " w\n"
                + "ID:" + " ".repeat(9) + " y\n");
    }

    @Test
    void widthsCountCodePointsNotBytes() {
        assertThat(format(1, 8, 1, ' ', "日本\tx\nab\ty\n")).isEqualTo("日本 x\nab y\n");
    }

    @Test
    void tabPaddingFillsToTabStops() {
        // as ctr's content list prints: tabwriter.NewWriter(os.Stdout, 1, 8, 1, '\t', 0)
        String digest = "sha256:" + "5".repeat(64);
        String text = "DIGEST\tSIZE\tAGE\tLABELS\n" + digest + "\t6B\tLess than a second\t-\n";
        assertThat(format(1, 8, 1, '\t', text)).isEqualTo(
                "DIGEST" + "\t".repeat(9) + "SIZE\tAGE\t\t\tLABELS\n" + digest + "\t6B\tLess than a second\t-\n");
    }

    @Test
    void unterminatedLastLineIsWrittenAsIs() {
        assertThat(format(1, 8, 1, ' ', "ab\tc\nd\te")).isEqualTo("ab c\nd  e");
    }

    @Test
    void emptyInputWritesNothing() {
        assertThat(format(1, 8, 1, ' ', "")).isEmpty();
    }
}
