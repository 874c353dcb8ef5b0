package parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import com.ibm.icu.text.Normalizer2;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import parley.Theories;

/**
 * {@link Names#key} is what nicks and rooms are compared by. Whatever the name: a name and its NFKC form have
 * one key, a key is its own key, two names equal ignoring case have one key, and so do a name and any variant
 * made by swapping letters for well-known look-alikes (other scripts, fullwidth and mathematical forms,
 * digits, invisible fillers).
 */
class NamesProperties {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    /**
     * Letters whose case is tricky: Greek sigma's two lower forms, long s, Kelvin sign, dotless i, sharp s. Not
     * the capital İ: full case folding keeps its dot (i + U+0307), which shows, so İ and i stay apart.
     */
    private static final List<String> LETTERS =
            "aAsSkKiIΣσςſKıΟοΦφΌόЁёÉé张ßǅǄǆ".codePoints().mapToObj(Character::toString).toList();

    /** Latin letters and digits with look-alikes that UTS #39 lists as confusable. */
    private static final Map<String, List<String>> LOOK_ALIKES = Map.ofEntries(
            Map.entry("a", List.of("а", "ɑ", "α", "ａ", "\uD835\uDC1A", "\uD835\uDE8A")),
            Map.entry("c", List.of("с", "ｃ", "\uD835\uDC1C")), // not lunate ϲ: NFKC makes it σ
            Map.entry("e", List.of("е", "ｅ", "\uD835\uDC1E", "℮")),
            Map.entry("i", List.of("і", "ı", "ｉ", "\uD835\uDC22", "ⅰ")),
            Map.entry("j", List.of("ј", "ｊ")),
            Map.entry("l", List.of("1", "ǀ", "ｌ", "\uD835\uDC25", "ℓ")),
            Map.entry("o", List.of("о", "ο", "0", "ｏ", "\uD835\uDC28", "օ")),
            Map.entry("p", List.of("р", "ρ", "ｐ")),
            Map.entry("s", List.of("ѕ", "ｓ", "ꜱ")),
            Map.entry("x", List.of("х", "ｘ", "×")), // not Greek Χ: it folds to χ, which TR39 does not list
            Map.entry("y", List.of("у", "ｙ", "ү")),
            Map.entry("d", List.of("ԁ", "ｄ", "\uD835\uDC1D")),
            Map.entry("n", List.of("ո", "ｎ")),
            Map.entry("_", List.of("＿")),
            Map.entry("-", List.of("‐", "－", "‑")));
    private static final List<String> INVISIBLE_FILLERS = List.of("\u3164", "\uFFA0", "\u115F", "\u1160", "\u200B",
            "\u00AD", "\u2060", "\uFEFF");

    record Pair2(String a, String b) {
        @Override
        public String toString() {
            return a + " " + Theories.escaped(a) + " vs " + b + " " + Theories.escaped(b);
        }
    }

    @Test
    void namesEqualIgnoringCaseHaveOneKey() {
        Theories.qt(24, 5000).forAll(CASE_PAIRS)
                .checkAssert(p -> assertThat(Names.key(p.a())).as("%s", p).isEqualTo(Names.key(p.b())));
    }

    @Test
    void aNameAndItsNfkcFormHaveOneKey() {
        Theories.qt(25, 5000).forAll(ANY_NAME)
                .checkAssert(x -> assertThat(Theories.escaped(Names.key(NFKC.normalize(x))))
                        .isEqualTo(Theories.escaped(Names.key(x))));
    }

    @Test
    void aKeyIsItsOwnKey() {
        Theories.qt(26, 5000).forAll(ANY_NAME.mix(LOOK_ALIKE_PAIRS.map(Pair2::b)))
                .checkAssert(x -> assertThat(Theories.escaped(Names.key(Names.key(x))))
                        .isEqualTo(Theories.escaped(Names.key(x))));
    }

    @Test
    void aNameAndItsLookAlikesHaveOneKey() {
        Theories.qt(27, 5000).forAll(LOOK_ALIKE_PAIRS)
                .checkAssert(p -> assertThat(Theories.escaped(Names.key(p.b()))).as("%s", p)
                        .isEqualTo(Theories.escaped(Names.key(p.a()))));
    }

    // ---- generation ----------------------------------------------------------------------------------------

    private static final Gen<String> CASE_NAMES = Theories.thinnable(Generate.pick(LETTERS), 1, 5)
            .map(letters -> String.join("", letters));

    /** A name and the same name with its letters' case changed. */
    static final Gen<Pair2> CASE_PAIRS = in -> {
        String a = CASE_NAMES.generate(in);
        return new Pair2(a, ChatCoreProperties.caseVariant(a, longs().all().generate(in)));
    };

    /** Any code points at all, half of them from the ranges where compatibility forms and look-alikes live. */
    static final Gen<String> ANY_NAME = Theories.thinnable(Generate.frequency(
            Pair.of(2, Generate.range(0, Character.MAX_CODE_POINT, 'a').map(Character::toString)),
            Pair.of(1, Generate.range(0x20, 0x7E).map(Character::toString)),
            Pair.of(1, Generate.range(0x0370, 0x052F).map(Character::toString)),      // Greek, Cyrillic
            Pair.of(1, Generate.range(0xFF00, 0xFFEF).map(Character::toString)),      // half- and fullwidth
            Pair.of(1, Generate.range(0x1D400, 0x1D7FF).map(Character::toString)),    // mathematical letters
            Pair.of(1, Generate.range(0x2100, 0x24FF).map(Character::toString))),     // letterlike, numbers
            0, 12).map(cps -> String.join("", cps)).describedAs(Theories::escaped);

    private static final List<String> PLAIN = List.copyOf(LOOK_ALIKES.keySet());

    /** A name of Latin letters, digits, _ and -, and a variant with some swapped, fillers added, case changed. */
    static final Gen<Pair2> LOOK_ALIKE_PAIRS = in -> {
        List<String> letters = Theories.thinnable(Generate.pick(PLAIN), 1, 10).generate(in);
        StringBuilder variant = new StringBuilder();
        for (String letter : letters) {
            int choice = Generate.range(0, 4).generate(in);
            if (choice == 1) {
                variant.append(Generate.pick(LOOK_ALIKES.get(letter)).generate(in));
            } else if (choice == 2) {
                variant.append(letter.toUpperCase(java.util.Locale.ROOT));
            } else {
                variant.append(letter);
            }
            if (choice == 3) {
                variant.append(Generate.pick(INVISIBLE_FILLERS).generate(in));
            }
        }
        return new Pair2(String.join("", letters), variant.toString());
    };
}
