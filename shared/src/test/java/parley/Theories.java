package parley;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * How the {@code *Properties} classes run QuickTheories: each property names its seed and number of tries, so a
 * run is the same every time, and a failure can be replayed.
 *
 * <pre>
 *  property's seed, tries --(-Dparley.seed, -Dparley.tries)--> qt() --> generators --> input --> property
 *                                                                                                  |
 *          failure: QuickTheories shrinks the random draws behind the input, then reports the smallest input
 *          found, its cause, and "Seed was N"
 * </pre>
 *
 * {@code -Dparley.seed=N} replaces every property's seed (pass the N of a report to replay it, or {@code random}
 * for a new one each run; the report names it), and {@code -Dparley.tries=N} every property's number of tries:
 * <pre>  ./mvnw -q -pl shared verify -Dtest=SanitizerProperties -Dparley.seed=random -Dparley.tries=100000</pre>
 * QuickTheories' own {@code QT_SEED} and {@code QT_EXAMPLES} do nothing here: a fixed seed overrides them.
 */
public final class Theories {

    /**
     * Shrink attempts after a failure. QuickTheories' default is 100 per try: for the session property that is
     * minutes, and the reports stop improving long before.
     */
    private static final int SHRINK_CYCLES = 10_000;

    private Theories() {
    }

    /** A theory with {@code seed} and {@code tries} unless the command line says otherwise. */
    public static QuickTheory qt(long seed, int tries) {
        return QuickTheory.qt().withFixedSeed(seed(seed)).withExamples(Integer.getInteger("parley.tries", tries))
                .withShrinkCycles(SHRINK_CYCLES);
    }

    private static long seed(long fixed) {
        String asked = System.getProperty("parley.seed", "").strip();
        if (asked.isEmpty()) {
            return fixed;
        }
        return asked.equals("random") ? new SplittableRandom().nextLong() : Long.parseLong(asked);
    }

    /**
     * Lists of {@code min} to {@code max} elements that shrinking can thin anywhere, not only at the end: each
     * element is drawn with a rarely set "left out" flag (QuickTheories' {@link Gen#toOptionals}; 2% of them, so
     * now and then a list is shorter than {@code min}), and shrinking the flag's draw towards zero sets it. A plain
     * {@code lists()} shrinks only by its length, which keeps everything before the element that fails.
     */
    public static <T> Gen<List<T>> thinnable(Gen<T> element, int min, int max) {
        return SourceDSL.lists().of(element.toOptionals(2)).ofSizeBetween(min, max)
                .map(list -> list.stream().flatMap(Optional::stream).toList());
    }

    /** A string printed so that every control, surrogate and invisible character is visible as U+XXXX. */
    public static String escaped(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\u%04X", (int) c));
            }
        }
        return b.append('"').toString();
    }
}
