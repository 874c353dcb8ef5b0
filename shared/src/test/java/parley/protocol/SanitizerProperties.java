package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import parley.Theories;

/**
 * What the sanitizer promises for any text at all: nothing left that can act on a terminal, hide text or pass
 * for a line of the server's own; cleaning twice is cleaning once; nothing is added or reordered (a TAB becomes
 * a space, a bracketed clock's brackets become round); visible text outside escape sequences comes through;
 * ordinary text in the world's scripts comes through untouched.
 */
class SanitizerProperties {

    private static final String ESC = "\u001b";
    private static final String BEL = "\u0007";
    private static final String C1_ST = "\u009c";

    /** Complete sequences a terminal would act on; the sanitizer must remove each whole. */
    private static final List<String> SEQUENCES = List.of(
        ESC + "[31m", ESC + "[0m", ESC + "[1;38;5;196m", ESC + "[2J", ESC + "[H", ESC + "[?25l", ESC + "[ q",
        ESC + "[>0c", ESC + "]0;title" + BEL, ESC + "]2;title" + ESC + "\\", ESC + "]8;;https://x.example" + ESC + "\\",
        ESC + "]0;t" + C1_ST, ESC + "P1$r" + ESC + "\\", ESC + "X sos " + BEL, ESC + "^pm" + C1_ST, ESC + "_apc" + BEL,
        ESC + "(B", ESC + ")0", ESC + "c", ESC + "7", ESC + "=", ESC + "\\", ESC + "#8",
        "\u009b31m", "\u009b2J", "\u009d0;title" + BEL, "\u0090dcs" + C1_ST, "\u0098sos" + C1_ST, "\u009epm" + BEL,
        "\u009fapc" + ESC + "\\");

    /** Controls that act alone, outside any sequence (never an introducer such as ESC or C1 CSI). */
    private static final List<String> LONE = IntStream.of(0x00, 0x01, 0x07, 0x08, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E,
        0x0F, 0x1A, 0x1C, 0x1F, 0x7F, 0x80, 0x84, 0x85, 0x8D, 0x8E, 0x8F, 0x9A, 0x9C, 0x202A, 0x202B, 0x202C, 0x202D,
        0x202E, 0x2066, 0x2067, 0x2068, 0x2069).mapToObj(Character::toString).toList();

    private static final List<String> VISIBLE = List.of("a", "Z", "0", "9", "张", "伟", "你好", "😀", "👍🏽", "é",
        "e\u0301", "Дмитрий", "مريم", "नमस्ते", "ｆ", "\uD835\uDC9C", " ", "[", "]", ";", "\\", "m", "P", "_", "^", "~",
        "#");

    @Test
    void cleanTextHasNoControlEscapeOrBidiCharacter() {
        Theories.qt(777, 3000).forAll(ANY_TEXT).checkAssert(x -> {
            String clean = TextSanitizer.clean(x);
            List<String> bad = clean.codePoints().filter(SanitizerProperties::actsOnATerminal)
                    .mapToObj(cp -> String.format("U+%04X", cp)).toList();
            assertThat(bad).as("left in %s", Theories.escaped(clean)).isEmpty();
        });
    }

    /**
     * The only invisible characters left are joiners and variation selectors, each alone and next to what it
     * joins or selects (never first, never after a blank, never two in a row but a selector and then a joiner, as in {@code 🏳️‍🌈}; a
     * joiner never last or before a blank unless it follows a virama), and tag characters only inside the
     * England, Scotland and Wales flags.
     */
    @Test
    void noInvisibleIsLeftExceptInsideASequenceThatNeedsIt() {
        Theories.qt(781, 3000).forAll(ANY_TEXT.mix(INVISIBLE_HEAVY).describedAs(Theories::escaped)).checkAssert(x -> {
            String clean = TextSanitizer.clean(x);
            assertThat(strayInvisibles(clean)).as("in %s", Theories.escaped(clean)).isEmpty();
        });
    }

    @Test
    void noRunOfBlanksAndNoBracketedClockIsLeft() {
        Theories.qt(782, 3000).forAll(ANY_TEXT.mix(FORGERIES).describedAs(Theories::escaped)).checkAssert(x -> {
            String clean = TextSanitizer.clean(x);
            assertThat(hasTwoBlanksInARow(clean)).as("a run of blanks in %s", Theories.escaped(clean)).isFalse();
            assertThat(CLOCK.matcher(shapes(clean)).find()).as("a clock in %s", Theories.escaped(clean)).isFalse();
        });
    }

    /**
     * The attack: a message padded (with spaces, invisible characters or visible ones) so that a fake
     * {@code [HH:MM:SS] <nick@ip:port>} wraps to column 0 of a terminal. Whatever the padding and the terminal's
     * width (80 and 200 among them), no row but the first of the line the server writes starts like a line.
     */
    @Test
    void noWrappedRowOfARelayedLineStartsLikeALine() {
        TextFormat format = new TextFormat(ZoneOffset.UTC);
        Theories.qt(783, 3000).forAll(FORGERIES, Generate.pick(List.of(80, 200)).mix(Generate.range(20, 300)))
                .checkAssert((text, width) -> {
                    String line = format.format(new ChatEvent.Message("lobby", Instant.EPOCH,
                            new Member("mallory", "127.0.0.1:40000"), TextSanitizer.clean(text), false));
                    int[] cps = line.codePoints().toArray(); // every character the generator uses is one column
                    for (int row = width; row < cps.length; row += width) {
                        String start = new String(cps, row, Math.min(10, cps.length - row));
                        assertThat(CLOCK.matcher(shapes(start)).lookingAt())
                                .as("row at %d of %s", row, Theories.escaped(line)).isFalse();
                    }
                });
    }

    /** Chinese, Japanese, Korean, Arabic, Persian, Hindi, Thai, Cyrillic and Greek words pass as they are. */
    @Test
    void textInTheWorldsScriptsPassesUnchanged() {
        Theories.qt(784, 3000).forAll(SCRIPT_TEXT).checkAssert(x ->
                assertThat(TextSanitizer.clean(x)).as(Theories.escaped(x)).isSameAs(x));
    }

    @Test
    void cleaningTwiceIsCleaningOnce() {
        Theories.qt(778, 3000).forAll(ANY_TEXT.mix(INVISIBLE_HEAVY).mix(FORGERIES).describedAs(Theories::escaped)).checkAssert(x -> {
            String once = TextSanitizer.clean(x);
            assertThat(Theories.escaped(TextSanitizer.clean(once))).isEqualTo(Theories.escaped(once));
        });
    }

    @Test
    void nothingIsAddedOrReordered() {
        Theories.qt(779, 3000).forAll(ANY_TEXT.mix(FORGERIES).describedAs(Theories::escaped)).checkAssert(x -> {
            String clean = TextSanitizer.clean(x);
            assertThat(isSubsequence(clean, x))
                    .as("%s is a subsequence of the input", Theories.escaped(clean)).isTrue();
        });
    }

    /**
     * Text built from visible pieces, complete escape sequences and lone controls in any order comes out as
     * exactly its visible pieces (a TAB as a space, a run of spaces as one): every letter, digit, CJK character and emoji outside a
     * sequence survives, and no sequence eats what follows it.
     */
    @Test
    void visibleTextBetweenSequencesAndControlsSurvivesExactly() {
        Theories.qt(780, 3000).forAll(PIECES).checkAssert(p -> {
            String input = p.stream().map(Piece::text).collect(Collectors.joining());
            String visible = p.stream().map(Piece::survives).collect(Collectors.joining()).replaceAll(" +", " ");
            assertThat(Theories.escaped(TextSanitizer.clean(input))).isEqualTo(Theories.escaped(visible));
        });
    }

    // ---- oracles -------------------------------------------------------------------------------------------

    /** C0 and C1 controls (ESC among them), DEL, and the bidi embeddings, overrides and isolates. */
    static boolean actsOnATerminal(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    /**
     * Char by char (lone surrogates are input too), where a space may stand for a TAB and round brackets for
     * square ones (every form of a square bracket is one char).
     */
    private static boolean isSubsequence(String small, String big) {
        int j = 0;
        for (int i = 0; i < small.length(); i++, j++) {
            while (j < big.length() && !standsFor(small.charAt(i), big.charAt(j))) {
                j++;
            }
            if (j == big.length()) {
                return false;
            }
        }
        return true;
    }

    private static boolean standsFor(int out, int in) {
        return out == in || (out == ' ' && in == '\t') || (out == '(' && shape(in) == '[')
                || (out == ')' && shape(in) == ']');
    }

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    /** A clock as the server writes it at the start of every line, over {@link #shapes}. */
    private static final Pattern CLOCK = Pattern.compile("\\[[0-9][0-9]:[0-9][0-9]:[0-9][0-9]]");

    /** What a character looks like for the clock oracle: its NFKC form when that is one character. */
    private static int shape(int cp) {
        String folded = NFKC.normalize(Character.toString(cp));
        return folded.codePointCount(0, folded.length()) == 1 ? folded.codePointAt(0) : cp;
    }

    private static String shapes(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.appendCodePoint(shape(cp)));
        return out.toString();
    }

    private static boolean hasTwoBlanksInARow(String s) {
        int[] cps = s.codePoints().toArray();
        for (int i = 1; i < cps.length; i++) {
            if (isBlank(cps[i - 1]) && isBlank(cps[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(int cp) {
        return UCharacter.isUWhiteSpace(cp) || cp == 0x2800;
    }

    private static final List<String> FLAGS = List.of(
            "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F",  // gbeng
            "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F",  // gbsct
            "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC77\uDB40\uDC6C\uDB40\uDC73\uDB40\uDC7F"); // gbwls

    private static boolean isInvisible(int cp) {
        return cp == 0x2028 || cp == 0x2029 || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    /** The invisible characters in {@code clean} that are not where a sequence needs them, as U+XXXX at index. */
    private static List<String> strayInvisibles(String clean) {
        String rest = clean;
        for (String flag : FLAGS) {
            rest = rest.replace(flag, "F");
        }
        int[] cps = rest.codePoints().toArray();
        List<String> stray = new ArrayList<>();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (!isInvisible(cp)) {
                continue;
            }
            boolean joiner = cp == 0x200C || cp == 0x200D;
            boolean selector = UCharacter.hasBinaryProperty(cp, UProperty.VARIATION_SELECTOR);
            int before = i == 0 ? -1 : cps[i - 1];
            int after = i + 1 == cps.length ? -1 : cps[i + 1];
            boolean placed = (joiner || selector) && before >= 0 && !isBlank(before)
                    && (!isInvisible(before) || (joiner && UCharacter.hasBinaryProperty(before, UProperty.VARIATION_SELECTOR)))
                    && (!joiner || (after >= 0 && !isBlank(after) && !isInvisible(after))
                        || UCharacter.getCombiningClass(before) == 9); // Malayalam's word-final ന്‍
            if (!placed) {
                stray.add(String.format("U+%04X at %d", cp, i));
            }
        }
        return stray;
    }

    // ---- generation ----------------------------------------------------------------------------------------
    // Each choice lists its simplest option first: shrinking moves a choice towards its first option.

    /** Anything: any code point or UTF-16 unit, controls, bidi, sequences whole or cut short, visible text. */
    static final Gen<String> ANY_TEXT = Theories.thinnable(Generate.frequency(
            Pair.of(3, Generate.pick(VISIBLE)),
            Pair.of(1, Generate.constant("\t")),
            Pair.of(1, Generate.constant(ESC)),
            Pair.of(1, Generate.pick(LONE)),
            Pair.of(1, Generate.range(0, 0x9F, 'a').map(Character::toString)),
            Pair.of(1, Generate.range(0, 0xFFFF, 'a').map(unit -> String.valueOf((char) unit.intValue()))),
            Pair.of(1, Generate.range(0, Character.MAX_CODE_POINT, 'a').map(Character::toString)),
            Pair.of(1, wholeOrCutShort(Generate.pick(SEQUENCES).mix(sequences())))), 0, 19)
            .map(pieces -> String.join("", pieces)).describedAs(Theories::escaped);

    /** Invisible characters of every kind, among emoji, joining letters and viramas that may keep some. */
    private static final List<String> INVISIBLES = List.of("\u200D", "\u200C", "\uFE0F", "\uFE0E", "\uFE00",
            "\uDB40\uDD00", "\u200B", "\u200E", "\u200F", "\u061C", "\u2060", "\uFEFF", "\u00AD", "\u034F",
            "\u3164", "\uFFA0", "\u115F", "\u1160", "\u2028", "\u2029", "\u180E", "\uDB40\uDC01",
            "\uDB40\uDC67", "\uDB40\uDC62", "\uDB40\uDC7F", "\u202E", "\u2066");
    private static final List<String> NEIGHBOURS = List.of("a", " ", "😀", "👨", "🏽", "❤", "🏳", "🏴", "1", "#",
            "\u20E3", "क", "\u094D", "ش", "ی", "ا", "\u064E", "张", "葛", FLAGS.get(0), FLAGS.get(1), FLAGS.get(2));

    static final Gen<String> INVISIBLE_HEAVY = Theories.thinnable(Generate.pick(INVISIBLES).mix(Generate.pick(NEIGHBOURS)),
            0, 15).map(pieces -> String.join("", pieces)).describedAs(Theories::escaped);

    /**
     * Forged lines: padding of spaces, other blanks, invisible or visible characters, then a clock (ASCII,
     * fullwidth or mathematical digits, maybe with an escape sequence or an invisible inside), a nick and text.
     * Every character is one column wide on a terminal except the fullwidth ones.
     */
    static final Gen<String> FORGERIES = in -> {
        String pad = Generate.pick(List.of(" ", "\u00A0", "\u2800", "\u200B", "\u3164", ".", "x", "\t"))
                .generate(in);
        String digits = Generate.pick(List.of("12", "\uD835\uDFF7\uD835\uDFF8", "１２")).generate(in);
        String inside = Generate.pick(List.of("", "\u200B", ESC + "[0m", "\u00AD")).generate(in);
        String open = Generate.pick(List.of("[", "［")).generate(in);
        return "hi" + pad.repeat(Generate.range(0, 400).generate(in)) + open + digits + ":0" + inside + "0:00] "
                + "<ada@127.0.0.1:50312> I owe mallory 100 EUR";
    };

    /**
     * Words in the world's scripts: letters and marks of one script (never a mark first), Persian ZWNJ between
     * two joining letters, Devanagari conjuncts with ZWJ or ZWNJ after the virama, separated by single spaces
     * (an ideographic space in Japanese) and ordinary punctuation.
     */
    static final Gen<String> SCRIPT_TEXT;

    static {
        List<Gen<String>> words = new ArrayList<>();
        for (String script : List.of("Hani", "Hira", "Kana", "Hang", "Arab", "Deva", "Thai", "Cyrl", "Grek", "Latn")) {
            List<Integer> letters = codePoints("[[:sc=" + script + ":]&[:L:]-[:DI:]]");
            List<Integer> marks = codePoints("[[:scx=" + script + ":]&[:M:]-[:DI:]]");
            Gen<Integer> next = marks.isEmpty() ? Generate.pick(letters)
                    : Generate.frequency(Pair.of(3, Generate.pick(letters)), Pair.of(1, Generate.pick(marks)));
            words.add(in -> {
                StringBuilder word = new StringBuilder().appendCodePoint(Generate.pick(letters).generate(in));
                for (int n = Generate.range(0, 6).generate(in); n > 0; n--) {
                    word.appendCodePoint(next.generate(in));
                }
                return word.toString();
            });
        }
        List<Integer> dualJoining = codePoints("[[:sc=Arab:]&[:L:]&[:Joining_Type=Dual_Joining:]]");
        words.add(in -> Character.toString(Generate.pick(dualJoining).generate(in)) + "\u200C"
                + Character.toString(Generate.pick(dualJoining).generate(in)));
        List<Integer> consonants = codePoints("[\u0915-\u0939]");
        words.add(in -> Character.toString(Generate.pick(consonants).generate(in)) + "\u094D"
                + Generate.pick(List.of("\u200D", "\u200C", "")).generate(in)
                + Character.toString(Generate.pick(consonants).generate(in)));
        Gen<String> separators = Generate.pick(List.of(" ", "\u3000", ", ", "。", "، ", "। ", "? ", "!"));
        Gen<String> word = in -> Generate.pick(words).generate(in).generate(in);
        SCRIPT_TEXT = Theories.thinnable(word.zip(separators, String::concat), 1, 8)
                .map(pieces -> String.join("", pieces).strip()).describedAs(Theories::escaped);
    }

    private static List<Integer> codePoints(String unicodeSet) {
        List<Integer> cps = new ArrayList<>();
        for (String cp : new UnicodeSet(unicodeSet)) {
            cps.add(cp.codePointAt(0));
        }
        return cps;
    }

    /** One part of a generated text, and what of it must come out of the sanitizer. */
    record Piece(String text, String survives) {
        @Override
        public String toString() {
            return Theories.escaped(text);
        }
    }

    static final Gen<List<Piece>> PIECES = Theories.thinnable(Generate.frequency(
            Pair.of(3, Generate.pick(VISIBLE).map(v -> new Piece(v, v))),
            Pair.of(1, visibleCodePoints().map(cp -> new Piece(Character.toString(cp), Character.toString(cp)))),
            Pair.of(1, Generate.constant(new Piece("\t", " "))),
            Pair.of(1, Generate.pick(LONE).map(c -> new Piece(c, ""))),
            Pair.of(1, Generate.pick(SEQUENCES).map(seq -> new Piece(seq, ""))),
            Pair.of(1, sequences().map(seq -> new Piece(seq, "")))), 0, 15)
            .describedAs(p -> p.stream().map(Piece::toString).collect(Collectors.joining(" + ")));

    /** A sequence as it is, or (as often) only its first characters, as a sender cut off mid-sequence leaves it. */
    private static Gen<String> wholeOrCutShort(Gen<String> sequences) {
        return in -> {
            String seq = sequences.generate(in);
            return Generate.booleans().generate(in) ? seq.substring(0, Generate.range(0, seq.length()).generate(in))
                    : seq;
        };
    }

    /**
     * A complete sequence made from the grammar: CSI (7- or 8-bit) with parameters, intermediates and any
     * final byte; a two-character escape with intermediates and any final byte; or a string (OSC, DCS, SOS,
     * PM, APC, 7- or 8-bit) with any body, ended by BEL, ESC backslash or C1 ST.
     */
    static Gen<String> sequences() {
        Gen<String> csi = in -> Generate.pick(List.of(ESC + "[", "\u009b")).generate(in)
                + charsOf(Generate.range(0x30, 0x3F), 4).generate(in)
                + charsOf(Generate.range(0x20, 0x2F), 1).generate(in)
                + Character.toString(Generate.range(0x40, 0x7E).generate(in));
        Gen<String> escape = in -> {
            String between = charsOf(Generate.range(0x20, 0x2F), 2).generate(in);
            // Without intermediates, these finals would start a CSI or a string instead.
            List<Integer> finals = IntStream.rangeClosed(0x30, 0x7E)
                    .filter(f -> !between.isEmpty() || "[]PX^_".indexOf(f) < 0).boxed().toList();
            return ESC + between + Character.toString(Generate.pick(finals).generate(in));
        };
        Gen<String> string = in -> Generate.pick(List.of(ESC + "]", ESC + "P", ESC + "X", ESC + "^", ESC + "_",
                        "\u009d", "\u0090", "\u0098", "\u009e", "\u009f")).generate(in)
                + String.join("", Theories.thinnable(Generate.range(0x20, 0x7E).map(Character::toString)
                        .mix(Generate.pick(VISIBLE).map(v -> v.substring(0, 1))), 0, 11).generate(in))
                + Generate.pick(List.of(BEL, ESC + "\\", C1_ST)).generate(in);
        return Generate.oneOf(csi, escape, string);
    }

    /** Up to {@code max} characters drawn from {@code codes}. */
    private static Gen<String> charsOf(Gen<Integer> codes, int max) {
        return Theories.thinnable(codes.map(Character::toString), 0, max).map(chars -> String.join("", chars));
    }

    /**
     * A random letter, digit, CJK ideograph or emoji from anywhere in Unicode: half from the CJK and emoji
     * blocks, half from all of Unicode.
     */
    private static Gen<Integer> visibleCodePoints() {
        return Generate.frequency(
                Pair.of(2, Generate.pick(visibleIn(0, Character.MAX_CODE_POINT))),
                Pair.of(1, Generate.pick(visibleIn(0x4E00, 0x9FFF))),
                Pair.of(1, Generate.pick(visibleIn(0x1F300, 0x1FAFF))));
    }

    private static List<Integer> visibleIn(int from, int to) {
        // Not the Hangul fillers: letters to Java, but invisible, so the sanitizer removes them.
        return IntStream.rangeClosed(from, to).filter(cp -> Character.isLetterOrDigit(cp)
                || Character.isIdeographic(cp) || (cp >= 0x1F300 && cp <= 0x1FAFF && Character.isDefined(cp)))
                .filter(cp -> !UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT))
                .boxed().toList();
    }
}
