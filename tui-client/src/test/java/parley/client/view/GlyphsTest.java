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

        assertThat(Glyphs.cell("你", 2, Palette.PLAIN).getCharacterString()).isEqualTo("你");
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
