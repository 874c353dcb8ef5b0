package parley.client.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Columns as terminals count them: East_Asian_Width W and F are two, everything else one. */
class GraphemesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "☕", "✅", "✨", "⌚", "⌛", "⏩", "⏰", "⏳", "◽", "☔", "♈", "♿", "⚓", "⚡", "⚪", "⚽", "⛄", "⛎", "⛔", "⛪",
        "⛲", "⛵", "⛺", "⛽", "✊", "❌", "❎", "❓", "❗", "➕", "➰", "➿", "⬛", "⭐", "⭕", "〈", "〉",
    })
    void emojiAndSymbolsInTheBmpThatAreEastAsianWideTakeTwoColumns(String symbol) {
        assertThat(Graphemes.width(symbol)).as("U+%04X", symbol.codePointAt(0)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "🀄", "🃏", "🆎", "🆗", "🆚", "🈁", "🈯", "🉐", "🌀", "🍕", "🟠", "🟫", "🟰", "🤌", "🥇", "🩰", "🫶",
        "\uD81B\uDFE0", "\uD81C\uDC00", "\uD82C\uDC00", "\uD82C\uDD70",   // Tangut mark, Tangut, kana suppl., Nushu
        "𠀀", "\uD880\uDC00",                                              // CJK extensions B and G
    })
    void wideCharactersBeyondTheBmpTakeTwoColumns(String symbol) {
        assertThat(Graphemes.width(symbol)).as("U+%04X", symbol.codePointAt(0)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a", "é", "☺", "☀", "♥", "✓", "✔", "←", "①", "ⓐ", "│", "ｱ", "〿", "㉈", "\u1160", "𝐀",
        "🌡", "🕊", "🖥", "🛳",      // pictographs whose default is text: one column unless asked for as emoji
    })
    void everythingElseTakesOne(String symbol) {
        assertThat(Graphemes.width(symbol)).as("U+%04X", symbol.codePointAt(0)).isEqualTo(1);
    }

    @Test
    void wideScriptsStayWide() {
        assertThat(Graphemes.columns("你好，世界")).isEqualTo(10);
        assertThat(Graphemes.columns("ㄅㄆㄇ")).isEqualTo(6);              // Bopomofo
        assertThat(Graphemes.columns("ꀀ")).isEqualTo(2);                  // Yi
        assertThat(Graphemes.columns("\uA960")).isEqualTo(2);             // Hangul Jamo extended-A
        assertThat(Graphemes.columns("　ＡＢ￠")).isEqualTo(8);            // ideographic space, fullwidth forms
        assertThat(Graphemes.columns("🌡\uFE0F")).isEqualTo(2);             // asked for as emoji
    }

    @Test
    void aLineWithBmpEmojiIsMeasuredAsATerminalDrawsIt() {
        assertThat(Graphemes.columns("☕ and ✅ done")).isEqualTo(14);
    }

    @Test
    void theWideTableIsSortedPairsWithoutOverlap() {
        int[] table = Graphemes.WIDE;
        assertThat(table.length % 2).isZero();
        for (int i = 0; i < table.length; i += 2) {
            assertThat(table[i]).as("range %d", i / 2).isLessThanOrEqualTo(table[i + 1]);
            if (i > 0) {
                assertThat(table[i]).as("range %d", i / 2).isGreaterThan(table[i - 1] + 1);
            }
        }
    }

    @Test
    void flagsSkinTonesAndZwjSequencesAreOneTwoColumnCluster() {
        assertThat(Graphemes.split("🇩🇪👍🏽👨\u200D👩\u200D👧x")).containsExactly("🇩🇪", "👍🏽", "👨\u200D👩\u200D👧", "x");
        assertThat(Graphemes.columns("🇩🇪👍🏽👨\u200D👩\u200D👧x")).isEqualTo(7);

        InputLine line = new InputLine();
        line.insert("a👍🏽🇫🇷");
        line.backspace();
        assertThat(line.text()).isEqualTo("a👍🏽");
        line.left();
        assertThat(line.cursor()).isEqualTo(1);
    }
}
