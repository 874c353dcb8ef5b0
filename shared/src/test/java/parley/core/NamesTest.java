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
    void keyIgnoresCase() {
        assertThat(Names.key("Alice")).isEqualTo(Names.key("ALICE")).isEqualTo(Names.key("alice"));
        assertThat(Names.key("张伟")).isEqualTo("张伟");
        assertThat(Names.key("Ελένη")).isEqualTo(Names.key("ΕΛΈΝΗ"));
        assertThat(Names.key("ΣΟΦΌΣ")).isEqualTo(Names.key("σοφόσ")).isEqualTo(Names.key("σοφός"));
        assertThat(Names.key("Strauß")).isEqualTo(Names.key("STRAUSS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "ADA", "Ada", "ａｄａ", "\uD835\uDC1A\uD835\uDC1D\uD835\uDC1A", "ada\u3164", "ada\uFFA0",
            "\u115Fada", "ad\u1160a", "a\u200Bda", "\u0430da", "\u0430\u0501\u0430", "ΑDA", "αda", "ɑda"})
    void lookAlikesOfAdaAreAda(String lookAlike) {
        assertThat(Names.key(lookAlike)).as(lookAlike).isEqualTo(Names.key("ada"));
    }

    @Test
    void lookAlikesAreOneName() {
        assertThat(Names.key("Jose\u0301")).as("decomposed").isEqualTo(Names.key("José"));
        assertThat(Names.key("JOSÉ")).isEqualTo(Names.key("josé"));
        assertThat(Names.key("guest1")).isEqualTo(Names.key("guestl"));
        assertThat(Names.key("b0b")).isEqualTo(Names.key("bob")).isEqualTo(Names.key("BOB"));
        assertThat(Names.key("rnary")).isEqualTo(Names.key("mary"));
        assertThat(Names.key("раураl")).as("Cyrillic but l").isEqualTo(Names.key("paypal"));
    }

    @Test
    void differentNamesStayDifferent() {
        assertThat(Names.key("alice")).isNotEqualTo(Names.key("alice_"));
        assertThat(Names.key("guest1")).isNotEqualTo(Names.key("guest-1"));
        assertThat(Names.key("bob")).isNotEqualTo(Names.key("bop"));
        assertThat(Names.key("张伟")).isNotEqualTo(Names.key("张三"));
        assertThat(Names.key("José")).isNotEqualTo(Names.key("Jose"));
        assertThat(Names.key("Дмитрий")).isNotEqualTo(Names.key("Дмитрии"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada\u3164", "\u3164", "ada\uFFA0", "\u115Fada", "ad\u1160a", "e\u034F", "张\uFE00"})
    void refusesInvisibleCharacters(String name) {
        assertThat(Names.problem(name)).as(name).contains("may not contain invisible characters");
    }

    @Test
    void refusesLatinMixedWithCyrillicOrGreekWithTheScriptsNamed() {
        assertThat(Names.problem("\u0430da")).contains(
                "mixes Cyrillic and Latin letters, as look-alike names do; use one script, or Latin with one other"
                + " script that is not Cyrillic or Greek");
        assertThat(Names.problem("ΑDA")).get().asString().startsWith("mixes Greek and Latin letters");
        assertThat(Names.problem("p\u0430yp\u0430l")).get().asString().startsWith("mixes Latin and Cyrillic letters");
        assertThat(Names.problem("Ελ_ab")).get().asString().startsWith("mixes Greek and Latin letters");
        assertThat(Names.problem("دمیتری_Дима")).get().asString().startsWith("mixes Arabic and Cyrillic letters");
    }

    @Test
    void refusesDigitsOfTwoNumberSystems() {
        assertThat(Names.problem("ali1\u0662")).contains("mixes digits of different number systems");
    }

    @ParameterizedTest
    @ValueSource(strings = {"鈴木さん", "スズキ", "鈴木スズキさん", "김철수", "金김", "Дмитрий", "Ελένη", "مريم", "علي٢", "नमस्ते",
            "สมชาย", "abc张伟", "taro_鈴木さん", "ali_علي", "raj_राज", "ａｄａ", "\uD835\uDC1A\uD835\uDC1D\uD835\uDC1A",
            "ΣΟΦΌΣ", "Ёжик"})
    void acceptsOneScriptAndLatinWithOneOtherButCyrillicOrGreek(String name) {
        assertThat(Names.problem(name)).as(name).isEmpty();
    }

    @Test
    void aNameIsShownAsTypedInNfc() {
        assertThat(Names.normalized("Jose\u0301")).isEqualTo("José");
        assertThat(Names.normalized("ａｄａ")).as("NFC, not NFKC").isEqualTo("ａｄａ");
        assertThat(Names.normalized("ΑDA")).isEqualTo("ΑDA");
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
