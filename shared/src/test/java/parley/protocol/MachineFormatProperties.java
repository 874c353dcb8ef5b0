package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.PropertyCheck.forAll;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import parley.PropertyCheck;

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
    private static final String[] AWKWARD = {"\t", "\n", "\r", "\\", "\\t", "\\n", "\\r", "\\\\", "\r\n", "\t\t"};
    private static final String[] WORDS = {"张伟", "大厅", "😀", "👍🏽", "é", "e\u0301", "\u202E", "lobby", " "};

    /** An event and the zone of the server that writes it. */
    record Case(ChatEvent event, ZoneId zone) {
        @Override
        public String toString() {
            ChatEvent e = event;
            return "zone " + zone + ", " + e.kind() + " room=" + PropertyCheck.escaped(e.room()) + " time=" + e.time()
                    + " nick=" + PropertyCheck.escaped(e.nick()) + " address=" + PropertyCheck.escaped(e.address())
                    + " text=" + PropertyCheck.escaped(e.text()) + " history=" + e.history();
        }
    }

    @Test
    void formatThenParseIsTheIdentity() {
        forAll(MachineFormatProperties::aCase).seed(20261126).tries(3000).shrinkWith(MachineFormatProperties::shrink)
                .check(c -> {
                    String line = new MachineFormat(c.zone()).format(c.event());
                    assertThat(line).doesNotContain("\n", "\r");
                    assertThat(line.chars().filter(ch -> ch == '\t').count()).as("six separators in %s", line)
                            .isEqualTo(6);
                    assertThat(MachineFormat.parse(line)).isEqualTo(c.event());
                });
    }

    @Test
    void aTimeFinerThanAMillisecondComesBackTruncatedAndTheRestIsUnchanged() {
        forAll(MachineFormatProperties::aCase).seed(20261127).tries(500).shrinkWith(MachineFormatProperties::shrink)
                .check(c -> {
                    ChatEvent e = c.event();
                    Instant precise = e.time().plusNanos(1 + (e.text().length() * 7919L) % 999_999);
                    ChatEvent sent = new ChatEvent(e.kind(), e.room(), precise, e.nick(), e.address(), e.text(),
                            e.history());
                    ChatEvent back = MachineFormat.parse(new MachineFormat(c.zone()).format(sent));
                    assertThat(back.time()).isEqualTo(precise.truncatedTo(ChronoUnit.MILLIS));
                    assertThat(back).isEqualTo(e);
                });
    }

    // ---- generation ----------------------------------------------------------------------------------------

    static Case aCase(Random r) {
        EventKind[] kinds = EventKind.values();
        Instant time = Instant.ofEpochMilli(FROM + (long) (r.nextDouble() * (TO - FROM)));
        ChatEvent event = new ChatEvent(kinds[r.nextInt(kinds.length)], awkward(r), time, awkward(r), awkward(r),
                awkward(r), r.nextBoolean());
        return new Case(event, ZoneId.of(ZONES.get(r.nextInt(ZONES.size()))));
    }

    /** Escaping's hard cases mixed with any UTF-16 unit at all (lone surrogates too), any code point, CJK, emoji. */
    static String awkward(Random r) {
        StringBuilder s = new StringBuilder();
        int pieces = r.nextInt(4) == 0 ? 0 : r.nextInt(16);
        for (int i = 0; i < pieces; i++) {
            switch (r.nextInt(10)) {
                case 0, 1, 2, 3 -> s.append(AWKWARD[r.nextInt(AWKWARD.length)]);
                case 4, 5 -> s.append((char) (' ' + r.nextInt(95)));
                case 6 -> s.append((char) r.nextInt(0x10000));
                case 7 -> s.appendCodePoint(r.nextInt(Character.MAX_CODE_POINT + 1));
                default -> s.append(WORDS[r.nextInt(WORDS.length)]);
            }
        }
        return s.toString();
    }

    /** Each text field shortened (as a list of UTF-16 units, so lone surrogates stay possible). */
    static Stream<Case> shrink(Case c) {
        ChatEvent e = c.event();
        return Stream.of(
                shorter(e.room()).map(x -> new ChatEvent(e.kind(), x, e.time(), e.nick(), e.address(), e.text(),
                        e.history())),
                shorter(e.nick()).map(x -> new ChatEvent(e.kind(), e.room(), e.time(), x, e.address(), e.text(),
                        e.history())),
                shorter(e.address()).map(x -> new ChatEvent(e.kind(), e.room(), e.time(), e.nick(), x, e.text(),
                        e.history())),
                shorter(e.text()).map(x -> new ChatEvent(e.kind(), e.room(), e.time(), e.nick(), e.address(), x,
                        e.history())))
                .flatMap(s -> s).map(x -> new Case(x, c.zone()));
    }

    private static Stream<String> shorter(String s) {
        List<Character> chars = s.chars().mapToObj(ch -> (char) ch).toList();
        return PropertyCheck.shrinkList(chars).map(list -> {
            StringBuilder b = new StringBuilder();
            list.forEach(b::append);
            return b.toString();
        });
    }
}
