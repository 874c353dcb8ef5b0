package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import parley.Theories;

/**
 * What the sanitizer promises for any text at all: nothing left that can act on a terminal, cleaning twice
 * is cleaning once, nothing is added or reordered, and visible text outside escape sequences comes through.
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

    @Test
    void cleaningTwiceIsCleaningOnce() {
        Theories.qt(778, 3000).forAll(ANY_TEXT).checkAssert(x -> {
            String once = TextSanitizer.clean(x);
            assertThat(Theories.escaped(TextSanitizer.clean(once))).isEqualTo(Theories.escaped(once));
        });
    }

    @Test
    void nothingIsAddedOrReordered() {
        Theories.qt(779, 3000).forAll(ANY_TEXT).checkAssert(x -> {
            String clean = TextSanitizer.clean(x);
            assertThat(isSubsequence(clean, x.replace('\t', ' ')))
                    .as("%s is a subsequence of the input", Theories.escaped(clean)).isTrue();
        });
    }

    /**
     * Text built from visible pieces, complete escape sequences and lone controls in any order comes out as
     * exactly its visible pieces (a TAB as a space): every letter, digit, CJK character and emoji outside a
     * sequence survives, and no sequence eats what follows it.
     */
    @Test
    void visibleTextBetweenSequencesAndControlsSurvivesExactly() {
        Theories.qt(780, 3000).forAll(PIECES).checkAssert(p -> {
            String input = p.stream().map(Piece::text).collect(Collectors.joining());
            String visible = p.stream().map(Piece::survives).collect(Collectors.joining());
            assertThat(Theories.escaped(TextSanitizer.clean(input))).isEqualTo(Theories.escaped(visible));
        });
    }

    // ---- oracles -------------------------------------------------------------------------------------------

    /** C0 and C1 controls (ESC among them), DEL, and the bidi embeddings, overrides and isolates. */
    static boolean actsOnATerminal(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static boolean isSubsequence(String small, String big) {
        int j = 0;
        for (int i = 0; i < small.length(); i++, j++) {
            while (j < big.length() && big.charAt(j) != small.charAt(i)) {
                j++;
            }
            if (j == big.length()) {
                return false;
            }
        }
        return true;
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
        return IntStream.rangeClosed(from, to).filter(cp -> Character.isLetterOrDigit(cp)
                || Character.isIdeographic(cp) || (cp >= 0x1F300 && cp <= 0x1FAFF && Character.isDefined(cp)))
                .boxed().toList();
    }
}
