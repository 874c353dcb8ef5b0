package parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.PropertyCheck.forAll;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import parley.PropertyCheck;

/**
 * Nicks and rooms are unique ignoring case, and {@link Names#key} is what they are compared by: two names must
 * have the same key exactly when {@link String#equalsIgnoreCase} says they are equal, in every script.
 */
class NamesProperties {

    /** Letters whose case is tricky: Greek sigma's two lower forms, long s, Kelvin sign, dotted and dotless i. */
    private static final int[] LETTERS = codePoints("aAsSkKiIΣσςſKİıΟοΦφΌόЁёÉé张ßǅǄǆ");

    record Pair(String a, String b) {
        @Override
        public String toString() {
            return a + " " + PropertyCheck.escaped(a) + " vs " + b + " " + PropertyCheck.escaped(b);
        }
    }

    @Test
    void sameKeyExactlyWhenEqualIgnoringCase() {
        forAll(NamesProperties::aPair).seed(24).tries(5000).shrinkWith(NamesProperties::shrink)
                .check(p -> assertThat(Names.key(p.a()).equals(Names.key(p.b())))
                        .as("key(%s)=%s, key(%s)=%s", p.a(), Names.key(p.a()), p.b(), Names.key(p.b()))
                        .isEqualTo(p.a().equalsIgnoreCase(p.b())));
    }

    static Pair aPair(Random r) {
        String a = name(r);
        String b = r.nextBoolean() ? ChatCoreProperties.caseVariant(a, r.nextLong()) : name(r);
        return new Pair(a, b);
    }

    private static String name(Random r) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + r.nextInt(5); n > 0; n--) {
            s.appendCodePoint(LETTERS[r.nextInt(LETTERS.length)]);
        }
        return s.toString();
    }

    static Stream<Pair> shrink(Pair p) {
        List<Integer> a = PropertyCheck.codePoints(p.a());
        List<Integer> b = PropertyCheck.codePoints(p.b());
        // Drop the same code point from both, so a pair of case variants stays one.
        return Stream.iterate(0, i -> i < Math.min(a.size(), b.size()), i -> i + 1)
                .filter(i -> a.size() > 1)
                .map(i -> new Pair(without(a, i), without(b, i)));
    }

    private static String without(List<Integer> cps, int i) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < cps.size(); j++) {
            if (j != i) {
                s.appendCodePoint(cps.get(j));
            }
        }
        return s.toString();
    }

    private static int[] codePoints(String s) {
        return s.codePoints().toArray();
    }
}
