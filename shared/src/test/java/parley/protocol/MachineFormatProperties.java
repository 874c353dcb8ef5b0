package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;
import parley.Theories;

/**
 * Machine lines are for programs: whatever an event holds, {@code parse(format(e))} gives {@code e} back.
 *
 * <p>Times are generated at the wire's resolution (milliseconds, as documented) between 2000 and 2100, where
 * no zone has an offset with seconds; a finer time comes back truncated to the millisecond, which the second
 * property states.
 */
class MachineFormatProperties {

    private static final long FROM = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

    /** The pieces escaping must get right, and text that already looks like an escape. */
    private static final List<String> AWKWARD =
            List.of("\t", "\n", "\r", "\\", "\\t", "\\n", "\\r", "\\\\", "\r\n", "\t\t");
    private static final List<String> WORDS = List.of("lobby", "张伟", "大厅", "😀", "👍🏽", "é", "e\u0301", "\u202E", " ");

    /** An event and the zone of the server that writes it. */
    record Case(ChatEvent event, ZoneId zone) {
        @Override
        public String toString() {
            return "zone " + zone + ", " + Theories.escaped(event.toString());
        }
    }

    @Test
    void formatThenParseIsTheIdentity() {
        Theories.qt(20261126, 3000).forAll(CASES).checkAssert(c -> {
            String line = new MachineFormat(c.zone()).format(c.event());
            assertThat(line).doesNotContain("\n", "\r");
            assertThat(line.chars().filter(ch -> ch == '\t').count()).as("six separators in %s", line).isEqualTo(6);
            assertThat(MachineFormat.parse(line)).isEqualTo(c.event());
        });
    }

    @Test
    void aTimeFinerThanAMillisecondComesBackTruncatedAndTheRestIsUnchanged() {
        Gen<Instant> precise = longs().between(FROM, TO - 1).zip(integers().between(1, 999_999),
                (millis, nanos) -> Instant.ofEpochMilli(millis).plusNanos(nanos));
        Theories.qt(20261127, 500).forAll(cases(precise)).checkAssert(c -> {
            MachineFormat format = new MachineFormat(c.zone());
            String line = format.format(c.event());
            ChatEvent back = MachineFormat.parse(line);
            assertThat(back.time()).isEqualTo(c.event().time().truncatedTo(ChronoUnit.MILLIS));
            assertThat(format.format(back)).as("all but the time's nanoseconds").isEqualTo(line);
        });
    }

    // ---- generation ----------------------------------------------------------------------------------------
    // Each choice lists its simplest option first: shrinking moves a choice towards its first option.

    /**
     * Escaping's hard cases mixed with any UTF-16 unit at all (lone surrogates too), any code point, CJK, emoji;
     * a quarter of them empty.
     */
    private static final Gen<String> AWKWARD_TEXT = Generate.frequency(
            Pair.of(1, Generate.constant("")),
            Pair.of(3, Theories.thinnable(Generate.frequency(
                    Pair.of(2, Generate.range(' ', '~', 'a').map(Character::toString)),
                    Pair.of(4, Generate.pick(AWKWARD)),
                    Pair.of(2, Generate.pick(WORDS)),
                    Pair.of(1, Generate.range(0, 0xFFFF, 'a').map(unit -> String.valueOf((char) unit.intValue()))),
                    Pair.of(1, Generate.range(0, Character.MAX_CODE_POINT, 'a').map(Character::toString))), 0, 15)
                    .map(pieces -> String.join("", pieces))));

    /** A members list: its entries are {@code nick@address} split on spaces, and no nick holds a space or "@". */
    private static final Gen<List<Member>> MEMBER_LISTS = Theories.thinnable(
            Generate.pick(List.of("alice", "张伟", "b_-1", "😀")).zip(AWKWARD_TEXT.map(a -> a.replace(' ', '_')),
                    Member::new), 0, 4);

    static final Gen<Case> CASES = cases(longs().between(FROM, TO - 1).map(Instant::ofEpochMilli));

    /** Events of any kind at the times {@code times} gives, written by a server in any zone. */
    static Gen<Case> cases(Gen<Instant> times) {
        return in -> caseAt(in, times.generate(in));
    }

    private static Case caseAt(RandomnessSource in, Instant time) {
        List<ChatEvent> each = Samples.oneOfEach(AWKWARD_TEXT.generate(in), time, AWKWARD_TEXT.generate(in),
                AWKWARD_TEXT.generate(in), AWKWARD_TEXT.generate(in), Generate.booleans().generate(in));
        ChatEvent event = each.get(integers().between(0, each.size() - 1).generate(in));
        if (event instanceof ChatEvent.Members m) {
            List<Member> listed = MEMBER_LISTS.generate(in);
            event = new ChatEvent.Members(m.room(), m.time(), listed, Math.max(listed.size(), m.count()));
        } else if (event instanceof ChatEvent.Presence p) { // nicks: no space, comma or '=' in them
            event = new ChatEvent.Presence(p.room(), p.time(), p.joined(), p.left(), p.renamed(), p.count(),
                    MEMBER_LISTS.generate(in).stream().map(Member::nick).toList());
        }
        return new Case(event, ZoneId.of(Generate.pick(ZONES).generate(in)));
    }
}
