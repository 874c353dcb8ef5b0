package parley.client.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message longer than the server's line limit goes out as several lines, cut where a reader would cut. */
class LongLinesTest {

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aFiveThousandCharacterMessageIsSplitOnWordsUnderTheLimit() {
        String words = "word ".repeat(1000).strip();      // 4,999 characters
        List<String> lines = LongLines.split(words, 4096);

        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(bytes(l)).isLessThanOrEqualTo(4096));
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("word").endsWith("word"));
        assertThat(String.join(" ", lines)).isEqualTo(words);
    }

    @Test
    void textWithoutSpacesIsCutBetweenWholeCharactersNeverInsideOne() {
        String text = "漢字🎉é".repeat(400);      // 3, 3, 4 and 3 (e + combining accent) bytes
        List<String> lines = LongLines.split(text, 100);

        assertThat(lines).allSatisfy(l -> {
            assertThat(bytes(l)).isLessThanOrEqualTo(100);
            assertThat(Graphemes.split(l).get(0)).isIn("漢", "字", "🎉", "é");
        });
        assertThat(String.join("", lines)).isEqualTo(text);
    }

    @Test
    void meAndMsgAreRepeatedAndAPieceThatLooksLikeACommandIsEscaped() {
        assertThat(LongLines.split("/me " + "a".repeat(30) + " b", 24))
                .allSatisfy(l -> assertThat(l).startsWith("/me "));
        assertThat(LongLines.split("/msg bob " + "x ".repeat(20), 20))
                .allSatisfy(l -> assertThat(l).startsWith("/msg bob ").hasSizeLessThanOrEqualTo(20));
        assertThat(LongLines.split("aaaaaaaaaa /quit now", 12)).containsExactly("aaaaaaaaaa", "//quit now");
        assertThat(LongLines.split("/join " + "r".repeat(40), 12)).containsExactly("/join " + "r".repeat(40));
    }
}
