package parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import parley.Theories;

/**
 * Nicks and rooms are unique ignoring case, and {@link Names#key} is what they are compared by: two names must
 * have the same key exactly when {@link String#equalsIgnoreCase} says they are equal, in every script.
 */
class NamesProperties {

    /** Letters whose case is tricky: Greek sigma's two lower forms, long s, Kelvin sign, dotted and dotless i. */
    private static final List<String> LETTERS =
            "aAsSkKiIΣσςſKİıΟοΦφΌόЁёÉé张ßǅǄǆ".codePoints().mapToObj(Character::toString).toList();

    record Pair(String a, String b) {
        @Override
        public String toString() {
            return a + " " + Theories.escaped(a) + " vs " + b + " " + Theories.escaped(b);
        }
    }

    @Test
    void sameKeyExactlyWhenEqualIgnoringCase() {
        Theories.qt(24, 5000).forAll(PAIRS)
                .checkAssert(p -> assertThat(Names.key(p.a()).equals(Names.key(p.b())))
                        .as("key(%s)=%s, key(%s)=%s", p.a(), Names.key(p.a()), p.b(), Names.key(p.b()))
                        .isEqualTo(p.a().equalsIgnoreCase(p.b())));
    }

    private static final Gen<String> NAMES = Theories.thinnable(Generate.pick(LETTERS), 1, 5)
            .map(letters -> String.join("", letters));

    /** Half the time a name and the same name with its letters' case changed; otherwise two names. */
    static final Gen<Pair> PAIRS = in -> {
        String a = NAMES.generate(in);
        String b = Generate.booleans().generate(in) ? NAMES.generate(in)
                : ChatCoreProperties.caseVariant(a, longs().all().generate(in));
        return new Pair(a, b);
    };
}
