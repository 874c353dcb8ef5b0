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
    void tabBecomesASpace() {
        assertThat(TextSanitizer.clean("a\tb\t\tc")).isEqualTo("a b  c");
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
