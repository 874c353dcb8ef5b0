package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nothing a person types may act on another person's terminal; everything else passes untouched. */
class TextSanitizerTest {

    private static final String ESC = "\u001b";
    private static final String BEL = "\u0007";
    private static final String ST = ESC + "\\";

    @Test
    void removesCsiColourCodesWhole() {
        assertThat(TextSanitizer.clean(ESC + "[31mred" + ESC + "[0m plain")).isEqualTo("red plain");
        assertThat(TextSanitizer.clean(ESC + "[1;38;5;196;48;2;0;0;0mbold" + ESC + "[m")).isEqualTo("bold");
        assertThat(TextSanitizer.clean("a" + ESC + "[2J" + ESC + "[H" + ESC + "[?25lb")).isEqualTo("ab");
    }

    @Test
    void removesOscTitleSequencesTerminatedByBel() {
        assertThat(TextSanitizer.clean("before" + ESC + "]0;you have been pwned" + BEL + "after"))
                .isEqualTo("beforeafter");
    }

    @Test
    void removesOscSequencesTerminatedBySt() {
        assertThat(TextSanitizer.clean("x" + ESC + "]2;title" + ST + "y")).isEqualTo("xy");
        // An OSC 8 hyperlink: only the visible text stays.
        assertThat(TextSanitizer.clean(ESC + "]8;;https://evil.example" + ST + "click" + ESC + "]8;;" + ST))
                .isEqualTo("click");
        // C1 ST (U+009C) as terminator.
        assertThat(TextSanitizer.clean("x" + ESC + "]0;title\u009cy")).isEqualTo("xy");
    }

    @Test
    void removesEightBitC1SequencesWhole() {
        assertThat(TextSanitizer.clean("\u009b31mred")).isEqualTo("red");   // C1 CSI
        assertThat(TextSanitizer.clean("a\u009d0;title\u0007b")).isEqualTo("ab"); // C1 OSC .. BEL
        assertThat(TextSanitizer.clean("a\u0090qdcs\u009cb")).isEqualTo("ab"); // C1 DCS .. C1 ST
    }

    @Test
    void removesLoneC1Controls() {
        StringBuilder all = new StringBuilder("<");
        for (char c = 0x80; c <= 0x9F; c++) {
            if (c != 0x90 && c != 0x98 && c != 0x9B && c != 0x9D && c != 0x9E && c != 0x9F) {
                all.append(c);
            }
        }
        all.append('>');
        assertThat(TextSanitizer.clean(all.toString())).isEqualTo("<>");
        assertThat(TextSanitizer.clean("next\u0085line")).isEqualTo("nextline");
    }

    @Test
    void removesTwoCharacterAndCharsetEscapes() {
        assertThat(TextSanitizer.clean("a" + ESC + "cb")).isEqualTo("ab");     // RIS: reset the terminal
        assertThat(TextSanitizer.clean("a" + ESC + "(0b")).isEqualTo("ab");    // line-drawing charset
        assertThat(TextSanitizer.clean("a" + ESC + "7b" + ESC + "8")).isEqualTo("ab"); // save/restore cursor
        assertThat(TextSanitizer.clean("trailing" + ESC)).isEqualTo("trailing");
    }

    @Test
    void anUnterminatedStringSequenceSwallowsTheRest() {
        assertThat(TextSanitizer.clean("keep" + ESC + "]0;never ends")).isEqualTo("keep");
        assertThat(TextSanitizer.clean("keep" + ESC + "Pdevice control")).isEqualTo("keep");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069})
    void removesBidiEmbeddingsOverridesAndIsolates(int bidi) {
        String dirty = "invoice_" + Character.toString(bidi) + "fdp.exe";
        assertThat(TextSanitizer.clean(dirty)).isEqualTo("invoice_fdp.exe");
    }

    @Test
    void removesRightToLeftOverrideAndIsolateInRunningText() {
        assertThat(TextSanitizer.clean("abc\u202Edef\u2066ghi\u2069\u202C")).isEqualTo("abcdefghi");
    }

    @Test
    void removesDelNulAndOtherC0Controls() {
        assertThat(TextSanitizer.clean("a\u007fb")).isEqualTo("ab");
        assertThat(TextSanitizer.clean("a\u0000b")).isEqualTo("ab");
        assertThat(TextSanitizer.clean("a\u0007b\bc\rd\ne\u000bf\u000cg")).isEqualTo("abcdefg");
    }

    @Test
    void tabBecomesASpaceAndARunOfBlanksItsFirstBlank() {
        assertThat(TextSanitizer.clean("a\tb\t\tc")).isEqualTo("a b c");
        assertThat(TextSanitizer.clean("a" + " ".repeat(200) + "b")).isEqualTo("a b");
        assertThat(TextSanitizer.clean("a\u00A0\u00A0 b")).isEqualTo("a\u00A0b");
        assertThat(TextSanitizer.clean("a\u3000 \u2003\u205F\u202F\u1680b")).isEqualTo("a\u3000b");
        assertThat(TextSanitizer.clean("a\u2800\u2800\u2800b")).as("Braille blanks").isEqualTo("a\u2800b");
        // Invisible characters between spaces go first, so they cannot keep a run of spaces apart.
        assertThat(TextSanitizer.clean("a \u200B \u3164 \uFEFF \u2060 b")).isEqualTo("a b");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "你好，世界",
            "张伟 says 😀 👍🏽 👨‍👩‍👧 🇨🇳",           // emoji with skin tone, ZWJ sequence, flag
            "e\u0301 and n\u0303",                   // combining acute and tilde
            "नमस्ते दुनिया",                          // Devanagari with combining vowel signs
            "مرحبا بالعالم",                          // right-to-left script itself is fine
            "plain ASCII, with punctuation: !@#$%^&*()[]{}\\/|~`'\"",
            "\uFFFD replacement stays",
            "สวัสดีครับ ยินดีต้อนรับ",                  // Thai: combining vowels and tone marks
            "می\u200Cخواهم بروم",                     // Persian: ZWNJ between two joining letters
            "क्\u200Dष and क्\u200Cष",                 // Devanagari: ZWJ and ZWNJ after the virama
            "ශ්\u200Dරී ලංකාව",                       // Sinhala: ZWJ after the virama (Sri)
            "日本語のテキスト　全角スペース",            // Japanese with one ideographic space
            "안녕하세요 세계",
            "1\uFE0F\u20E3 #\uFE0F\u20E3 \u2764\uFE0F \u263A\uFE0E 🏳\uFE0F\u200D🌈 👩🏽\u200D💻 🇬🇧",
            "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F England", // a tag sequence
            "葛\uDB40\uDD00城",                         // an ideographic variation sequence (VS17)
            "meet at 12:00:00 [not a clock] [12:00]",
            ""})
    void leavesOrdinaryTextUntouchedAndReturnsTheSameInstance(String clean) {
        assertThat(TextSanitizer.clean(clean)).isSameAs(clean);
    }

    @Test
    void keepsNonAsciiTextAroundWhatItRemoves() {
        // (Not a CsvSource: its parser trims leading control characters such as ESC as whitespace.)
        assertThat(TextSanitizer.clean(ESC + "[31m张伟" + ESC + "[0m")).isEqualTo("张伟");
        assertThat(TextSanitizer.clean("😀\u202E😀")).isEqualTo("😀😀");
        assertThat(TextSanitizer.clean("e\u0301\u007f")).isEqualTo("e\u0301");
        assertThat(TextSanitizer.clean(ESC + "]0;x" + BEL + "你好\tworld")).isEqualTo("你好 world");
        assertThat(TextSanitizer.clean(ESC + "[31m😀")).isEqualTo("😀");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x2028, 0x2029, 0x200E, 0x200F, 0x061C, 0x200B, 0x2060, 0xFEFF, 0x00AD, 0x034F, 0x180E,
            0x3164, 0xFFA0, 0x115F, 0x1160, 0x17B4, 0xE0001, 0xE0041, 0xE007F, 0x200C, 0x200D, 0xFE0F, 0xE0100})
    void removesSeparatorsAndInvisiblesBetweenLetters(int invisible) {
        assertThat(TextSanitizer.clean("ada" + Character.toString(invisible) + "x")).isEqualTo("adax");
    }

    @Test
    void keepsWhatEmojiSequencesNeedAndNothingMore() {
        String family = "👨\u200D👩\u200D👧";
        assertThat(TextSanitizer.clean(family)).isSameAs(family);
        assertThat(TextSanitizer.clean("👨\u200D\u200D👩")).isEqualTo("👨\u200D👩");
        assertThat(TextSanitizer.clean("😀\u200Da")).as("ZWJ before a letter").isEqualTo("😀a");
        assertThat(TextSanitizer.clean("a\u200D😀")).as("ZWJ after a letter").isEqualTo("a😀");
        assertThat(TextSanitizer.clean("\u2764\uFE0F\uFE0F\uFE0E")).isEqualTo("\u2764\uFE0F");
        assertThat(TextSanitizer.clean("葛" + "\uFE01".repeat(30) + "b")).as("bytes hidden in selectors")
                .isEqualTo("葛\uFE01b");
        assertThat(TextSanitizer.clean("a\uFE0Fb\uFE01")).as("selectors of nothing").isEqualTo("ab");
        assertThat(TextSanitizer.clean(" \uFE0F")).as("a selector after a space").isEqualTo(" ");
    }

    @Test
    void keepsOnlyTheRecommendedSubdivisionFlagTagSequences() {
        String tags = "\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74"; // g b s c t
        String cancel = "\uDB40\uDC7F";
        String scotland = "🏴" + tags + cancel;
        assertThat(TextSanitizer.clean("go " + scotland)).isEqualTo("go " + scotland);
        String california = "🏴\uDB40\uDC75\uDB40\uDC73\uDB40\uDC63\uDB40\uDC61" + cancel; // u s c a: not RGI
        assertThat(TextSanitizer.clean(california)).isEqualTo("🏴");
        assertThat(TextSanitizer.clean("hi" + tags + cancel)).as("tags hiding text").isEqualTo("hi");
        assertThat(TextSanitizer.clean(scotland.substring(0, scotland.length() - 2))).as("unterminated")
                .isEqualTo("🏴");
    }

    @Test
    void keepsJoinersOnlyWhereScriptsNeedThem() {
        assertThat(TextSanitizer.clean("a\u200Cb")).isEqualTo("ab");
        assertThat(TextSanitizer.clean("م\u200C ")).as("ZWNJ before a space").isEqualTo("م ");
        assertThat(TextSanitizer.clean("\u200Cمی")).isEqualTo("می");
        assertThat(TextSanitizer.clean("क\u200Dष")).as("ZWJ without a virama").isEqualTo("कष");
    }

    @Test
    void aBracketedClockGetsRoundBrackets() {
        assertThat(TextSanitizer.clean("[12:00:00] <ada@127.0.0.1:5000> hi"))
                .isEqualTo("(12:00:00) <ada@127.0.0.1:5000> hi");
        assertThat(TextSanitizer.clean("x[23:59:59][00:00:00]")).isEqualTo("x(23:59:59)(00:00:00)");
        assertThat(TextSanitizer.clean("［１２：００：００］")).as("fullwidth").isEqualTo("(１２：００：００)");
        String mathDigits = "\uD835\uDFF7\uD835\uDFF8"; // MATHEMATICAL MONOSPACE DIGIT ONE, TWO
        assertThat(TextSanitizer.clean("[" + mathDigits + ":00:00]")).isEqualTo("(" + mathDigits + ":00:00)");
        // Put together by removing what was between its parts: still a clock.
        assertThat(TextSanitizer.clean("[12:0" + ESC + "[31m0:\u200B00]")).isEqualTo("(12:00:00)");
        assertThat(TextSanitizer.clean("[1:00:00] [12:00] [12:00:000]")).isEqualTo("[1:00:00] [12:00] [12:00:000]");
    }

    /** Whatever the input, nothing that a terminal acts on survives. */
    @Test
    void randomMixturesNeverLeaveAControlCharacter() {
        String[] pieces = {"a", "Z", " ", "[", "]", ";", "31m", "0", "\\", "张", "😀", "e\u0301", ESC, BEL, "\u009b",
                "\u009c", "\u009d", "\u0090", "\u0085", "\u007f", "\u0000", "\t", "\r", "\n", "\u202E", "\u2066", "P",
                "_", "^", "X", "(", "c"};
        Random random = new Random(20261126L);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder dirty = new StringBuilder();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                dirty.append(pieces[random.nextInt(pieces.length)]);
            }
            String cleaned = TextSanitizer.clean(dirty.toString());
            assertThat(cleaned.codePoints().filter(TextSanitizerTest::isForbidden).toArray())
                    .as("clean(%s)", dirty.toString().codePoints()
                            .mapToObj(cp -> String.format("U+%04X", cp)).toList())
                    .isEmpty();
            assertThat(TextSanitizer.clean(cleaned)).as("cleaning is idempotent").isEqualTo(cleaned);
        }
    }

    private static boolean isForbidden(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }
}
