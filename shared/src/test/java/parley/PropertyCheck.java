package parley;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A small property runner for the {@code *Properties} classes: generate an input from a seeded {@link Random},
 * run the property on it, and on the first failure shrink the input and fail with everything needed to
 * reproduce it.
 *
 * <pre>
 *  seed --> SplittableRandom --> one Random per try --> generator --> input --> property
 *                                                                        |
 *                                                   failure: shrink while the same kind of failure remains,
 *                                                   then AssertionError(seed, try, smallest input, cause)
 * </pre>
 *
 * Runs are deterministic: each property names its seed. {@code -Dparley.seed=N} (or {@code random}) and
 * {@code -Dparley.tries=N} override every property's seed and number of tries, to explore further.
 *
 * <p>Written here rather than taken from jqwik: jqwik 1.10 and later ask not to be used by AI coding agents,
 * and some of this suite is written by one.
 */
public final class PropertyCheck<T> {

    /** How many failing candidates shrinking may try before it settles for what it has. */
    private static final int SHRINK_BUDGET = 5_000;

    private final Function<Random, T> generator;
    private long seed = 1;
    private int tries = 100;
    private Function<T, Stream<T>> shrinker = t -> Stream.empty();
    private Function<T, String> show = String::valueOf;

    private PropertyCheck(Function<Random, T> generator) {
        this.generator = generator;
    }

    /** Inputs made by {@code generator}, which must depend on nothing but the random source it is given. */
    public static <T> PropertyCheck<T> forAll(Function<Random, T> generator) {
        return new PropertyCheck<>(generator);
    }

    public PropertyCheck<T> seed(long seed) {
        this.seed = seed;
        return this;
    }

    public PropertyCheck<T> tries(int tries) {
        this.tries = tries;
        return this;
    }

    /** Candidates strictly smaller than the input, most aggressive first. */
    public PropertyCheck<T> shrinkWith(Function<T, Stream<T>> shrinker) {
        this.shrinker = shrinker;
        return this;
    }

    /** How an input is printed in a failure report. */
    public PropertyCheck<T> showWith(Function<T, String> show) {
        this.show = show;
        return this;
    }

    /** Runs the property on every generated input; returns normally only if it held for all of them. */
    public void check(Consumer<T> property) {
        long runSeed = overriddenSeed().orElse(seed);
        int runTries = Integer.getInteger("parley.tries", tries);
        SplittableRandom seeds = new SplittableRandom(runSeed);
        for (int i = 0; i < runTries; i++) {
            long trySeed = seeds.nextLong();
            T input = generator.apply(new Random(trySeed));
            Throwable failure = failureOf(property, input);
            if (failure != null) {
                throw report(property, runSeed, i, trySeed, input, failure);
            }
        }
    }

    private AssertionError report(Consumer<T> property, long runSeed, int tryIndex, long trySeed, T original,
                                  Throwable originalFailure) {
        T smallest = original;
        Throwable failure = originalFailure;
        int steps = 0;
        int budget = SHRINK_BUDGET;
        boolean improved = true;
        while (improved && budget > 0) {
            improved = false;
            for (T candidate : (Iterable<T>) shrinker.apply(smallest)::iterator) {
                if (--budget < 0) {
                    break;
                }
                Throwable f = failureOf(property, candidate);
                if (f != null && f.getClass() == originalFailure.getClass()) {
                    smallest = candidate;
                    failure = f;
                    steps++;
                    improved = true;
                    break;
                }
            }
        }
        String message = "property falsified on try " + (tryIndex + 1) + " (seed " + runSeed + ", try seed " + trySeed
                + "; rerun with -Dparley.seed=" + runSeed + ")\nshrunk in " + steps + " steps to:\n"
                + show.apply(smallest) + "\nfailure: " + failure;
        AssertionError error = new AssertionError(message, failure);
        if (failure != originalFailure) {
            error.addSuppressed(new AssertionError("original input:\n" + show.apply(original), originalFailure));
        }
        return error;
    }

    private static <T> Throwable failureOf(Consumer<T> property, T input) {
        try {
            property.accept(input);
            return null;
        } catch (OutOfMemoryError | StackOverflowError e) {
            return e;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return e;
        }
    }

    private static java.util.OptionalLong overriddenSeed() {
        String s = System.getProperty("parley.seed");
        if (s == null || s.isBlank()) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(s.equals("random") ? new Random().nextLong() : Long.parseLong(s.strip()));
    }

    // ---- shrinking helpers -------------------------------------------------------------------------------------

    /**
     * Smaller lists: without a half, a quarter, ... down to single elements (delta debugging's chunks), then
     * each element replaced by each of its own shrinks.
     */
    public static <E> Stream<List<E>> shrinkList(List<E> list, Function<E, Stream<E>> shrinkElement) {
        Stream<List<E>> removals = Stream.iterate(Math.max(1, list.size() / 2), k -> k >= 1, k -> k / 2)
                .flatMap(k -> Stream.iterate(0, from -> from < list.size(), from -> from + k)
                        .map(from -> without(list, from, Math.min(list.size(), from + k))));
        Stream<List<E>> simpler = Stream.iterate(0, i -> i < list.size(), i -> i + 1)
                .flatMap(i -> shrinkElement.apply(list.get(i)).map(e -> replaced(list, i, e)));
        return Stream.concat(list.isEmpty() ? Stream.empty() : removals, simpler);
    }

    public static <E> Stream<List<E>> shrinkList(List<E> list) {
        return shrinkList(list, e -> Stream.empty());
    }

    private static <E> List<E> without(List<E> list, int from, int to) {
        List<E> out = new ArrayList<>(list.size() - (to - from));
        out.addAll(list.subList(0, from));
        out.addAll(list.subList(to, list.size()));
        return out;
    }

    private static <E> List<E> replaced(List<E> list, int index, E element) {
        List<E> out = new ArrayList<>(list);
        out.set(index, element);
        return out;
    }

    /** A string's code points, for shrinking strings as lists. */
    public static List<Integer> codePoints(String s) {
        return s.codePoints().boxed().toList();
    }

    public static String fromCodePoints(List<Integer> cps) {
        StringBuilder b = new StringBuilder();
        cps.forEach(b::appendCodePoint);
        return b.toString();
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
