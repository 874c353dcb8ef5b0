package parley.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TextCharacter;
import org.junit.jupiter.api.Test;

class GlyphsTest {

    @Test
    void lanternaAlwaysAgreesWithTheStateOnWidth() {
        TextCharacter decomposed = Glyphs.cell("e\u0301", 1, Palette.PLAIN);
        assertThat(decomposed.isDoubleWidth()).isFalse();
        assertThat(decomposed.getCharacterString()).isEqualTo("é");

        TextCharacter bopomofo = Glyphs.cell("ㄅ", 2, Palette.PLAIN);   // wide, but not in Lanterna's CJK blocks
        assertThat(bopomofo.isDoubleWidth()).isTrue();
        assertThat(bopomofo.getCharacterString()).isEqualTo("ㄅ\uFE0F");

        assertThat(Glyphs.cell("你", 2, Palette.PLAIN).getCharacterString()).isEqualTo("你");
    }

    /**
     * Lanterna 3.1.5 counts a lone BMP character outside its CJK blocks as one column, these emoji included, and a
     * cell of two chars as two: with the emoji presentation selector, which no terminal gives a width, the cell
     * shows the emoji itself in the two columns a terminal draws it in.
     */
    @Test
    void wideEmojiInTheBmpAreDrawnWithThePresentationSelectorThatLanternaCountsAsTwo() {
        for (String emoji : new String[] {"☕", "✅", "✨", "⌚", "⭐"}) {
            for (boolean astral : new boolean[] {true, false}) {
                TextCharacter c = Glyphs.cell(emoji, 2, Palette.PLAIN, astral);
                assertThat(c.getCharacterString()).isEqualTo(emoji + "\uFE0F");
                assertThat(c.isDoubleWidth()).isTrue();
            }
        }
        TextCharacter asked = Glyphs.cell("❤\uFE0F", 2, Palette.PLAIN);   // already selected: as it is
        assertThat(asked.getCharacterString()).isEqualTo("❤\uFE0F");
        assertThat(Glyphs.cell("☺", 1, Palette.PLAIN).getCharacterString()).isEqualTo("☺");    // narrow stays bare
    }

    @Test
    void aOneColumnCharacterBeyondTheBmpGetsANarrowStandIn() {
        // Lanterna counts any surrogate pair as two columns; a terminal draws a bare 🌡 (text by default) in one.
        TextCharacter thermometer = Glyphs.cell("🌡", 1, Palette.PLAIN, true);
        assertThat(thermometer.getCharacterString()).isEqualTo("?");
        assertThat(thermometer.isDoubleWidth()).isFalse();
    }

    @Test
    void emojiGetAStandInOnTerminalsThatCannotOutputThem() {
        assertThat(Glyphs.cell("🙂", 2, Palette.PLAIN, true).getCharacterString()).isEqualTo("🙂");
        TextCharacter standIn = Glyphs.cell("🙂", 2, Palette.PLAIN, false);
        assertThat(standIn.getCharacterString()).isEqualTo("？");
        assertThat(standIn.isDoubleWidth()).isTrue();
    }

    @Test
    void emojiClustersAreDrawnAsTheirFirstEmojiWhoseWidthEveryTerminalAgreesOn() {
        TextCharacter thumb = Glyphs.cell("👍🏽", 2, Palette.PLAIN, true);    // skin tone: four columns in tmux 3.3a
        assertThat(thumb.getCharacterString()).isEqualTo("👍");
        assertThat(thumb.isDoubleWidth()).isTrue();
        assertThat(Glyphs.cell("👨\u200D👩\u200D👧", 2, Palette.PLAIN, true).getCharacterString()).isEqualTo("👨");
        assertThat(Glyphs.cell("🎉", 2, Palette.PLAIN, true).getCharacterString()).isEqualTo("🎉");
    }
}
