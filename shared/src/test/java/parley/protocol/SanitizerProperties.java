package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.PropertyCheck.forAll;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import parley.PropertyCheck;

/**
 * What the sanitizer promises for any text at all: nothing left that can act on a terminal, cleaning twice
 * is cleaning once, nothing is added or reordered, and visible text outside escape sequences comes through.
 */
class SanitizerProperties {

    private static final String ESC = "\u001b";
    private static final String BEL = "\u0007";
    private static final String C1_ST = "\u009c";

    /** Complete sequences a terminal would act on; the sanitizer must remove each whole. */
    private static final String[] SEQUENCES = {
        ESC + "[31m", ESC + "[0m", ESC + "[1;38;5;196m", ESC + "[2J", ESC + "[H", ESC + "[?25l", ESC + "[ q",
        ESC + "[>0c", ESC + "]0;title" + BEL, ESC + "]2;title" + ESC + "\\", ESC + "]8;;https://x.example" + ESC + "\\",
        ESC + "]0;t" + C1_ST, ESC + "P1$r" + ESC + "\\", ESC + "X sos " + BEL, ESC + "^pm" + C1_ST, ESC + "_apc" + BEL,
        ESC + "(B", ESC + ")0", ESC + "c", ESC + "7", ESC + "=", ESC + "\\", ESC + "#8",
        "\u009b31m", "\u009b2J", "\u009d0;title" + BEL, "\u0090dcs" + C1_ST, "\u0098sos" + C1_ST, "\u009epm" + BEL,
        "\u009fapc" + ESC + "\\",
    };

    /** Controls that act alone, outside any sequence (never an introducer such as ESC or C1 CSI). */
    private static final int[] LONE = {0x00, 0x01, 0x07, 0x08, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x1A, 0x1C, 0x1F,
        0x7F, 0x80, 0x84, 0x85, 0x8D, 0x8E, 0x8F, 0x9A, 0x9C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066,
        0x2067, 0x2068, 0x2069};

    private static final String[] VISIBLE = {"a", "Z", "0", "9", "张", "伟", "你好", "😀", "👍🏽", "é", "e\u0301",
        "Дмитрий", "مريم", "नमस्ते", "ｆ", "\uD835\uDC9C", " ", "[", "]", ";", "\\", "m", "P", "_", "^", "~", "#"};

    @Test
    void cleanTextHasNoControlEscapeOrBidiCharacter() {
        forAll(SanitizerProperties::anyText).seed(777).tries(3000).shrinkWith(SanitizerProperties::shrink)
                .showWith(PropertyCheck::escaped)
                .check(x -> {
                    String clean = TextSanitizer.clean(x);
                    List<String> bad = clean.codePoints().filter(SanitizerProperties::actsOnATerminal)
                            .mapToObj(cp -> String.format("U+%04X", cp)).toList();
                    assertThat(bad).as("left in %s", PropertyCheck.escaped(clean)).isEmpty();
                });
    }

    @Test
    void cleaningTwiceIsCleaningOnce() {
        forAll(SanitizerProperties::anyText).seed(778).tries(3000).shrinkWith(SanitizerProperties::shrink)
                .showWith(PropertyCheck::escaped)
                .check(x -> {
                    String once = TextSanitizer.clean(x);
                    assertThat(TextSanitizer.clean(once)).isEqualTo(once);
                });
    }

    @Test
    void nothingIsAddedOrReordered() {
        forAll(SanitizerProperties::anyText).seed(779).tries(3000).shrinkWith(SanitizerProperties::shrink)
                .showWith(PropertyCheck::escaped)
                .check(x -> {
                    String clean = TextSanitizer.clean(x);
                    assertThat(isSubsequence(clean, x.replace('\t', ' ')))
                            .as("%s is a subsequence of the input", PropertyCheck.escaped(clean)).isTrue();
                });
    }

    /**
     * Text built from visible pieces, complete escape sequences and lone controls in any order comes out as
     * exactly its visible pieces (a TAB as a space): every letter, digit, CJK character and emoji outside a
     * sequence survives, and no sequence eats what follows it.
     */
    @Test
    void visibleTextBetweenSequencesAndControlsSurvivesExactly() {
        forAll(SanitizerProperties::pieces).seed(780).tries(3000)
                .shrinkWith(p -> PropertyCheck.shrinkList(p))
                .showWith(p -> p.stream().map(Piece::toString).collect(Collectors.joining(" + ")))
                .check(p -> {
                    String input = p.stream().map(Piece::text).collect(Collectors.joining());
                    String visible = p.stream().map(Piece::survives).collect(Collectors.joining());
                    assertThat(PropertyCheck.escaped(TextSanitizer.clean(input)))
                            .isEqualTo(PropertyCheck.escaped(visible));
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

    /** Anything: any code point or UTF-16 unit, controls, bidi, sequences whole or cut short, visible text. */
    static String anyText(Random r) {
        StringBuilder s = new StringBuilder();
        for (int n = r.nextInt(20); n > 0; n--) {
            switch (r.nextInt(10)) {
                case 0 -> s.appendCodePoint(r.nextInt(Character.MAX_CODE_POINT + 1));
                case 1 -> s.append((char) r.nextInt(0x10000));
                case 2 -> s.appendCodePoint(r.nextInt(0xA0));
                case 3 -> s.appendCodePoint(LONE[r.nextInt(LONE.length)]);
                case 4 -> s.append(ESC);
                case 5 -> {
                    String seq = r.nextBoolean() ? SEQUENCES[r.nextInt(SEQUENCES.length)] : sequence(r);
                    s.append(r.nextBoolean() ? seq : seq.substring(0, r.nextInt(seq.length() + 1)));
                }
                case 6 -> s.append("\t");
                default -> s.append(VISIBLE[r.nextInt(VISIBLE.length)]);
            }
        }
        return s.toString();
    }

    /** One part of a generated text, and what of it must come out of the sanitizer. */
    record Piece(String text, String survives) {
        @Override
        public String toString() {
            return PropertyCheck.escaped(text);
        }
    }

    static List<Piece> pieces(Random r) {
        List<Piece> out = new ArrayList<>();
        for (int n = r.nextInt(16); n > 0; n--) {
            switch (r.nextInt(8)) {
                case 0 -> out.add(new Piece(SEQUENCES[r.nextInt(SEQUENCES.length)], ""));
                case 1 -> out.add(new Piece(sequence(r), ""));
                case 2 -> out.add(new Piece(Character.toString(LONE[r.nextInt(LONE.length)]), ""));
                case 3 -> out.add(new Piece("\t", " "));
                case 4 -> {
                    int cp = visibleCodePoint(r);
                    out.add(new Piece(Character.toString(cp), Character.toString(cp)));
                }
                default -> {
                    String v = VISIBLE[r.nextInt(VISIBLE.length)];
                    out.add(new Piece(v, v));
                }
            }
        }
        return out;
    }

    /**
     * A complete sequence made from the grammar: CSI (7- or 8-bit) with parameters, intermediates and any
     * final byte; a two-character escape with intermediates and any final byte; or a string (OSC, DCS, SOS,
     * PM, APC, 7- or 8-bit) with any body, ended by BEL, ESC backslash or C1 ST.
     */
    static String sequence(Random r) {
        StringBuilder s = new StringBuilder();
        switch (r.nextInt(3)) {
            case 0 -> {
                s.append(r.nextBoolean() ? ESC + "[" : "\u009b");
                for (int n = r.nextInt(5); n > 0; n--) {
                    s.append((char) (0x30 + r.nextInt(0x10)));
                }
                for (int n = r.nextInt(2); n > 0; n--) {
                    s.append((char) (0x20 + r.nextInt(0x10)));
                }
                s.append((char) (0x40 + r.nextInt(0x3F)));
            }
            case 1 -> {
                s.append(ESC);
                for (int n = r.nextInt(3); n > 0; n--) {
                    s.append((char) (0x20 + r.nextInt(0x10)));
                }
                char fin;
                do {
                    fin = (char) (0x30 + r.nextInt(0x4F));
                } while (s.length() == 1 && "[]PX^_".indexOf(fin) >= 0);
                s.append(fin);
            }
            default -> {
                boolean eightBit = r.nextBoolean();
                s.append(eightBit ? "\u0090\u0098\u009d\u009e\u009f".charAt(r.nextInt(5))
                        : ESC + "]PX^_".charAt(r.nextInt(5)));
                for (int n = r.nextInt(12); n > 0; n--) {
                    s.append(r.nextBoolean() ? (char) (0x20 + r.nextInt(0x5F))
                            : VISIBLE[r.nextInt(VISIBLE.length)].charAt(0));
                }
                s.append(switch (r.nextInt(3)) {
                    case 0 -> BEL;
                    case 1 -> ESC + "\\";
                    default -> C1_ST;
                });
            }
        }
        return s.toString();
    }

    /** A random letter, digit, CJK ideograph or emoji from anywhere in Unicode. */
    private static int visibleCodePoint(Random r) {
        while (true) {
            int cp = switch (r.nextInt(4)) {
                case 0 -> 0x4E00 + r.nextInt(0x9FFF - 0x4E00 + 1);
                case 1 -> 0x1F300 + r.nextInt(0x1FAFF - 0x1F300 + 1);
                default -> r.nextInt(Character.MAX_CODE_POINT + 1);
            };
            if (Character.isLetterOrDigit(cp) || Character.isIdeographic(cp)
                    || (cp >= 0x1F300 && cp <= 0x1FAFF && Character.isDefined(cp))) {
                return cp;
            }
        }
    }

    /** Shorter, as a list of UTF-16 units so that lone surrogates remain possible. */
    static Stream<String> shrink(String s) {
        List<Character> chars = s.chars().mapToObj(c -> (char) c).toList();
        return PropertyCheck.shrinkList(chars).map(list -> {
            StringBuilder b = new StringBuilder();
            list.forEach(b::append);
            return b.toString();
        });
    }
}
