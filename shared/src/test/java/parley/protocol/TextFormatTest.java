package parley.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text lines are for people with nc: each has a fixed, readable shape and never a TAB; programs read them back. */
class TextFormatTest {

    private static final Instant T = Instant.parse("2026-11-26T13:02:07.120Z");
    private static final Instant T_SECONDS = Instant.parse("2026-11-26T13:02:07Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);
    private static final Member ALICE = new Member("alice", "127.0.0.1:50312");
    private static final Member BOB = new Member("bob", "127.0.0.1:50320");

    private final TextFormat format = new TextFormat(ZoneOffset.ofHours(1));

    private Optional<ChatEvent> parse(String line) {
        return format.parse(line, DAY);
    }

    @Test
    void message() {
        assertThat(format.format(new ChatEvent.Message("lobby", T, ALICE, "hello", false)))
                .isEqualTo("[14:02:07] <alice@127.0.0.1:50312> hello");
        assertThat(parse("[14:02:07] <alice@127.0.0.1:50312> hello > <b@c> x"))
                .contains(new ChatEvent.Message("", T_SECONDS, ALICE, "hello > <b@c> x", false));
    }

    @Test
    void action() {
        assertThat(format.format(new ChatEvent.Action("lobby", T, ALICE, "waves", false)))
                .isEqualTo("[14:02:07] * alice@127.0.0.1:50312 waves");
        assertThat(parse("[14:02:07] * alice@127.0.0.1:50312 waves"))
                .contains(new ChatEvent.Action("", T_SECONDS, ALICE, "waves", false));
    }

    @Test
    void privateMessage() {
        assertThat(format.format(new ChatEvent.Private(T, ALICE, "bob", "psst")))
                .isEqualTo("[14:02:07] *alice@127.0.0.1:50312 -> bob* psst");
        assertThat(parse("[14:02:07] *alice@127.0.0.1:50312 -> bob* psst"))
                .contains(new ChatEvent.Private(T_SECONDS, ALICE, "bob", "psst"));
    }

    @Test
    void joinAndLeave() {
        assertThat(format.format(new ChatEvent.Join("lobby", T, BOB)))
                .isEqualTo("[14:02:07] -> bob (127.0.0.1:50320) joined #lobby");
        assertThat(format.format(new ChatEvent.Leave("lobby", T, BOB, "quit: bye")))
                .isEqualTo("[14:02:07] <- bob (127.0.0.1:50320) left #lobby (quit: bye)");
        assertThat(format.format(new ChatEvent.Leave("lobby", T, BOB, "")))
                .isEqualTo("[14:02:07] <- bob (127.0.0.1:50320) left #lobby");
        assertThat(parse("[14:02:07] <- bob (127.0.0.1:50320) left #lobby (slow consumer: 1 MiB (limit))"))
                .contains(new ChatEvent.Leave("lobby", T_SECONDS, BOB, "slow consumer: 1 MiB (limit)"));
    }

    @Test
    void nickChange() {
        assertThat(format.format(new ChatEvent.NickChange("lobby", T, "guest1", "张伟", ALICE.address())))
                .isEqualTo("[14:02:07] -- guest1 (127.0.0.1:50312) is now known as 张伟");
    }

    @Test
    void members() {
        assertThat(format.format(new ChatEvent.Members("lobby", T,
                List.of(new Member("a", "1.2.3.4:5"), new Member("b", "1.2.3.4:6")))))
                .isEqualTo("[14:02:07] -- in #lobby: 2 people: a (1.2.3.4:5), b (1.2.3.4:6)");
        assertThat(format.format(new ChatEvent.Members("dev", T, List.of(new Member("张伟", "[::1]:7")))))
                .isEqualTo("[14:02:07] -- in #dev: 1 person: 张伟 ([::1]:7)");
        assertThat(format.format(new ChatEvent.Members("empty", T, List.of())))
                .isEqualTo("[14:02:07] -- in #empty: nobody");
        ChatEvent.Members part = new ChatEvent.Members("lobby", T, List.of(new Member("a", "1.2.3.4:5")), 10_000);
        assertThat(format.format(part)).isEqualTo("[14:02:07] -- in #lobby: 10000 people, 1 shown: a (1.2.3.4:5)");
        assertThat(parse(format.format(part))).contains(new ChatEvent.Members("lobby", T_SECONDS, part.members(), 10_000));
    }

    @Test
    void presence() {
        ChatEvent.Presence p = new ChatEvent.Presence("lobby", T, 120, 14, 3, 10_106, List.of("alice", "张伟"));
        assertThat(format.format(p))
                .isEqualTo("[14:02:07] -- #lobby: +120 joined (alice, 张伟), -14 left, 3 renamed; 10106 people here");
        assertThat(parse(format.format(p))).contains(new ChatEvent.Presence("lobby", T_SECONDS, 120, 14, 3, 10_106,
                List.of("alice", "张伟")));
        ChatEvent.Presence quiet = new ChatEvent.Presence("lobby", T, 0, 1, 0, 1, List.of());
        assertThat(format.format(quiet)).isEqualTo("[14:02:07] -- #lobby: +0 joined, -1 left, 0 renamed; 1 person here");
        assertThat(parse(format.format(quiet))).contains(new ChatEvent.Presence("lobby", T_SECONDS, 0, 1, 0, 1, List.of()));
    }

    @Test
    void noticesAndErrors() {
        assertThat(format.format(new ChatEvent.Welcome("lobby", T, ALICE, "welcome to parley")))
                .isEqualTo("[14:02:07] -- welcome to parley");
        assertThat(format.format(new ChatEvent.Info("lobby", T, "rooms: #lobby (1)")))
                .isEqualTo("[14:02:07] -- rooms: #lobby (1)");
        assertThat(format.format(new ChatEvent.Error("lobby", T, "no"))).isEqualTo("[14:02:07] !! no");
    }

    @Test
    void aWelcomeReadsBackAsANoticeForTextModeDoesNotTellThemApart() {
        assertThat(parse(format.format(new ChatEvent.Welcome("lobby", T, ALICE, "welcome to parley"))))
                .contains(new ChatEvent.Info("", T_SECONDS, "welcome to parley"));
    }

    @Test
    void historyIsMarked() {
        ChatEvent old = new ChatEvent.Message("lobby", T, BOB, "an older message", true);
        assertThat(format.format(old)).isEqualTo("[14:02:07] (history) <bob@127.0.0.1:50320> an older message");
        assertThat(parse(format.format(old))).contains(new ChatEvent.Message("", T_SECONDS, BOB, "an older message",
                true));
    }

    @Test
    void timeIsTwentyFourHourInTheServersZoneAndReadBackOnTheGivenDayInIt() {
        Instant evening = Instant.parse("2026-11-26T22:59:01Z");
        ChatEvent e = new ChatEvent.Info("", evening, "x");
        TextFormat shanghai = new TextFormat(ZoneId.of("Asia/Shanghai"));
        assertThat(shanghai.format(e)).startsWith("[06:59:01] ");
        assertThat(new TextFormat(ZoneOffset.UTC).format(e)).startsWith("[22:59:01] ");
        assertThat(shanghai.parse(shanghai.format(e), LocalDate.of(2026, 11, 27)).map(ChatEvent::time))
                .contains(evening);
    }

    @Test
    void eachLineShowsItsOwnSecondWhateverTheOneBefore() {
        // The formatter keeps the last second's time: each line must still show its own, also going back, and
        // on each side of a change of the zone's offset (Berlin goes to summer time at 01:00 UTC).
        TextFormat berlin = new TextFormat(ZoneId.of("Europe/Berlin"));
        Instant[] times = {Instant.parse("2026-03-29T00:59:59.100Z"), Instant.parse("2026-03-29T00:59:59.900Z"),
            Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T00:59:59.500Z"),
            Instant.parse("2026-03-29T01:00:00.999Z"), Instant.parse("2025-03-29T01:00:00Z")};
        String[] shown = {"[01:59:59] ", "[01:59:59] ", "[03:00:00] ", "[01:59:59] ", "[03:00:00] ", "[02:00:00] "};
        for (int i = 0; i < times.length; i++) {
            assertThat(berlin.format(new ChatEvent.Info("", times[i], "x"))).isEqualTo(shown[i] + "-- x");
        }
    }

    @Test
    void everyKindStartsWithTheTimeAndNeverContainsATab() {
        for (boolean history : new boolean[] {false, true}) {
            for (ChatEvent e : Samples.oneOfEach("lob\tby", T, "ni\tck", "1.2.3.4:5", "tab\there and 张伟 😀", history)) {
                String line = format.format(e);
                assertThat(line).doesNotContain("\t");
                assertThat(line).startsWith("[14:02:07] " + (e.history() ? "(history) " : ""));
            }
        }
    }

    @Test
    void everyKindReadsBackAsWhatTheLineSays() {
        for (ChatEvent e : Samples.oneOfEach("lobby", T_SECONDS, "张伟", "[2001:db8::1]:40000", "hi (there) > x",
                true)) {
            ChatEvent back = parse(format.format(e)).orElseThrow();
            assertThat(format.format(back)).isEqualTo(format.format(e));
            assertThat(back.time()).isEqualTo(T_SECONDS);
            assertThat(back.history()).isEqualTo(e.history());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "14:02:07 <a@b> c", "[14:02] <a@b> c", "[xx:02:07] <a@b> c",
        "[25:02:07] <a@b> c", "[14:02:07] ?? what", "message\tlobby\t2026-11-26T14:02:07.120+01:00\ta\tb\t0\tc"})
    void aLineNoServerWritesIsNoEvent(String line) {
        assertThat(parse(line)).isEmpty();
    }

    @Test
    void theTextOfALiveMessageIsFoundInItsBytes() {
        byte[] line = "xx[14:02:07] <张伟@[::1]:5> hi > there".getBytes(UTF_8);
        int at = TextFormat.messageTextAt(line, 2, line.length - 2);
        assertThat(new String(line, at, line.length - at, UTF_8)).isEqualTo("hi > there");
        byte[] empty = "[14:02:07] <a@b> ".getBytes(UTF_8);
        assertThat(TextFormat.messageTextAt(empty, 0, empty.length)).isEqualTo(empty.length);
        byte[] dash = "[14:02:07] <-@b> x".getBytes(UTF_8);
        assertThat(TextFormat.messageTextAt(dash, 0, dash.length)).isEqualTo(dash.length - 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[14:02:07] <- bob (1.2.3.4:5) left #lobby", "[14:02:07] (history) <a@b> old",
        "[14:02:07] * a@b waves", "[14:02:07] -- hi", "[14:02:07] <a@b>", "[14:02:07] <a@b>x", "<a@b> hi there you",
        "[14:02:07]x<a@b> hi"})
    void anyOtherLineHasNoMessageText(String line) {
        byte[] bytes = line.getBytes(UTF_8);
        assertThat(TextFormat.messageTextAt(bytes, 0, bytes.length)).isEqualTo(-1);
    }
}
