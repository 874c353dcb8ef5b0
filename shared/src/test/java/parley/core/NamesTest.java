package parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Bob_2", "x-y", "_", "-", "123", "张伟", "Дмитрий", "Ελένη", "مريم", "ｆｕｌｌ",
            "abcdefghijklmnopqrstuvwx", "नमस्ते", "e\u0301", "สมชาย"})
    void accepts(String name) {
        assertThat(Names.problem(name)).as(name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob!", "a b", "a.b", "a@b", "a#b", "a/b", "tab\there", "😀", "smile😀", "\u0301e",
            "nul\u0000", "esc\u001b[31m", "rtl\u202Eo", "a\u200Bb"})
    void refusesAnythingButLettersDigitsUnderscoreAndDash(String name) {
        assertThat(Names.problem(name)).as(name).contains("may contain only letters, digits, _ and -");
    }

    @Test
    void lengthIsOneToTwentyFourCodePoints() {
        assertThat(Names.MAX_LENGTH).isEqualTo(24);
        assertThat(Names.problem("")).contains("must be 1 to 24 characters long");
        assertThat(Names.problem("a".repeat(24))).isEmpty();
        assertThat(Names.problem("a".repeat(25))).contains("must be 1 to 24 characters long");
        assertThat(Names.problem("张".repeat(24))).isEmpty();
        assertThat(Names.problem("张".repeat(25))).contains("must be 1 to 24 characters long");
        String scriptA = "\uD835\uDC9C"; // U+1D49C, a letter of two chars
        assertThat(Names.problem(scriptA.repeat(24))).as("48 chars, 24 code points").isEmpty();
        assertThat(Names.problem(scriptA.repeat(25))).contains("must be 1 to 24 characters long");
    }

    @Test
    void keyIgnoresCaseAndNothingElse() {
        assertThat(Names.key("Alice")).isEqualTo(Names.key("ALICE")).isEqualTo(Names.key("alice"));
        assertThat(Names.key("张伟")).isEqualTo("张伟");
        assertThat(Names.key("Ελένη")).isEqualTo(Names.key("ΕΛΈΝΗ"));
        assertThat(Names.key("alice")).isNotEqualTo(Names.key("alice_"));
        assertThat(Names.key("guest1")).isNotEqualTo(Names.key("guest-1"));
    }

    @Test
    void keyDoesNotDependOnTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertThat(Names.key("TITLE")).isEqualTo("title"); // not the dotless ı of Turkish
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }
}
