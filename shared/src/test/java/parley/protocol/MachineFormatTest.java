package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Machine lines are for programs: every event must come back exactly as it went out. */
class MachineFormatTest {

    private static final Instant T = Instant.parse("2026-11-26T13:02:07.120Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris"); // +01:00 in November
    private static final String NASTY = "tab\there back\\slash new\nline cr\rx 张伟 😀 \\t literal \\";

    private final MachineFormat format = new MachineFormat(PARIS);

    @Test
    void everyKindRoundTripsWithTabsBackslashesNewlinesAndChinese() {
        List<String> kinds = List.of("welcome", "message", "action", "private", "join", "leave", "nick", "members",
                "members", "presence", "info", "error");
        for (boolean history : new boolean[] {false, true}) {
            List<ChatEvent> events = Samples.oneOfEach("大厅\tlobby", T, "张伟\\", "127.0.0.1:50312", NASTY, history);
            for (int i = 0; i < events.size(); i++) {
                String line = format.format(events.get(i));
                assertThat(line).doesNotContain("\n", "\r");
                assertThat(line.chars().filter(c -> c == '\t').count()).as("six separators").isEqualTo(6);
                assertThat(line).startsWith(kinds.get(i) + "\t");
                assertThat(MachineFormat.parse(line)).isEqualTo(events.get(i));
            }
        }
    }

    @Test
    void eachKindPutsWhatItCarriesInTheDocumentedFields() {
        Member bob = new Member("bob", "10.0.0.2:2");
        assertThat(format.format(new ChatEvent.Private(T, bob, "alice", "psst")))
                .isEqualTo("private\talice\t2026-11-26T14:02:07.120+01:00\tbob\t10.0.0.2:2\t0\tpsst");
        assertThat(format.format(new ChatEvent.NickChange("lobby", T, "guest1", "bob", "10.0.0.2:2")))
                .isEqualTo("nick\tlobby\t2026-11-26T14:02:07.120+01:00\tguest1\t10.0.0.2:2\t0\tbob");
        assertThat(format.format(new ChatEvent.Leave("lobby", T, bob, "quit: bye")))
                .isEqualTo("leave\tlobby\t2026-11-26T14:02:07.120+01:00\tbob\t10.0.0.2:2\t0\tquit: bye");
        assertThat(format.format(new ChatEvent.Members("lobby", T, List.of(bob, new Member("张伟", "[::1]:7")))))
                .isEqualTo("members\tlobby\t2026-11-26T14:02:07.120+01:00\t\t\t0\tbob@10.0.0.2:2 张伟@[::1]:7");
        assertThat(MachineFormat.parse("members\tlobby\t2026-11-26T14:02:07.120+01:00\t\t\t0\t"))
                .isEqualTo(new ChatEvent.Members("lobby", T, List.of()));
    }

    @Test
    void aPartOfABigRoomSaysHowManyMoreThereAreAndOldReadersSkipIt() {
        Member bob = new Member("bob", "10.0.0.2:2");
        String line = format.format(new ChatEvent.Members("lobby", T, List.of(bob), 10_000));
        assertThat(line).isEqualTo("members\tlobby\t2026-11-26T14:02:07.120+01:00\t\t\t0\tbob@10.0.0.2:2 +9999");
        assertThat(MachineFormat.parse(line)).isEqualTo(new ChatEvent.Members("lobby", T, List.of(bob), 10_000));
        assertThat(format.format(new ChatEvent.Members("lobby", T, List.of(), 7)))
                .endsWith("\t0\t+7");
    }

    @Test
    void aPresenceSummaryIsKeyValuePairsAndUnknownKeysAreSkipped() {
        ChatEvent.Presence p = new ChatEvent.Presence("lobby", T, 120, 14, 3, 10_106, List.of("alice", "张伟"));
        String line = format.format(p);
        assertThat(line).isEqualTo("presence\tlobby\t2026-11-26T14:02:07.120+01:00\t\t\t0\t"
                + "joined=120 left=14 renamed=3 count=10106 arrivals=alice,张伟");
        assertThat(MachineFormat.parse(line)).isEqualTo(p);
        assertThat(MachineFormat.parse("presence\tlobby\t2026-11-26T14:02:07.120+01:00\t\t\t0\t"
                + "count=9 later=x joined=1 arrivals="))
                .isEqualTo(new ChatEvent.Presence("lobby", T, 1, 0, 0, 9, List.of()));
        assertThatThrownBy(() -> MachineFormat.parse("presence\tlobby\t2026-11-26T14:02:07.120+01:00\t\t\t0\t"
                + "joined=99999999999")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("joined");
    }

    @Test
    void aHistoryFlagOnAKindThatCannotBeHistoryIsIgnored() {
        assertThat(MachineFormat.parse("join\tlobby\t2026-11-26T14:02:07.120+01:00\tbob\t10.0.0.2:2\t1\t"))
                .isEqualTo(new ChatEvent.Join("lobby", T, new Member("bob", "10.0.0.2:2")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\\", "\\\\", "\t", "\n", "\\n", "\\\t", "a\\", "\t\t\t", "end with tab\t"})
    void awkwardTextsRoundTrip(String text) {
        ChatEvent event = new ChatEvent.Message("lobby", T, new Member("alice", "[::1]:4000"), text, false);
        assertThat(MachineFormat.parse(format.format(event))).isEqualTo(event);
    }

    @Test
    void emptyFieldsRoundTrip() {
        ChatEvent notice = new ChatEvent.Info("", T, "");
        String line = format.format(notice);
        assertThat(line).isEqualTo("info\t\t2026-11-26T14:02:07.120+01:00\t\t\t0\t");
        assertThat(MachineFormat.parse(line)).isEqualTo(notice);
    }

    @Test
    void theDocumentedExampleIsWhatIsWrittenAndRead() {
        String documented = "message\tlobby\t2026-11-26T14:02:07.120+01:00\talice\t127.0.0.1:50312\t0\thello";
        ChatEvent event = new ChatEvent.Message("lobby", T, new Member("alice", "127.0.0.1:50312"), "hello", false);
        assertThat(format.format(event)).isEqualTo(documented);
        assertThat(MachineFormat.parse(documented)).isEqualTo(event);
    }

    @Test
    void historyFlagIsOneOrZero() {
        ChatEvent.Action live = new ChatEvent.Action("lobby", T, new Member("bob", "10.0.0.2:2"), "waves", false);
        assertThat(format.format(live).split("\t", -1)[5]).isEqualTo("0");
        assertThat(format.format(live.asHistory()).split("\t", -1)[5]).isEqualTo("1");
        assertThat(MachineFormat.parse(format.format(live.asHistory())).history()).isTrue();
        assertThat(MachineFormat.parse(format.format(live)).history()).isFalse();
    }

    @Test
    void theTimeKeepsTheServersZoneOffsetAndMilliseconds() {
        ChatEvent e = new ChatEvent.Message("lobby", T, new Member("a", "b"), "c", false);
        String paris = format.format(e).split("\t")[2];
        assertThat(paris).isEqualTo("2026-11-26T14:02:07.120+01:00");
        assertThat(OffsetDateTime.parse(paris).getOffset()).isEqualTo(ZoneOffset.ofHours(1));

        String shanghai = new MachineFormat(ZoneId.of("Asia/Shanghai")).format(e).split("\t")[2];
        assertThat(shanghai).isEqualTo("2026-11-26T21:02:07.120+08:00");

        String newYork = new MachineFormat(ZoneId.of("America/New_York")).format(e).split("\t")[2];
        assertThat(newYork).isEqualTo("2026-11-26T08:02:07.120-05:00");

        // Whatever the zone, the parsed instant is the same one.
        assertThat(MachineFormat.parse(new MachineFormat(ZoneId.of("Asia/Shanghai")).format(e)).time()).isEqualTo(T);
        assertThat(MachineFormat.parse(new MachineFormat(ZoneOffset.UTC).format(e)).time()).isEqualTo(T);
    }

    @Test
    void summerTimeChangesTheOffset() {
        Instant july = Instant.parse("2026-07-01T10:00:00Z");
        String time = format.format(new ChatEvent.Info("", july, "x")).split("\t")[2];
        assertThat(time).isEqualTo("2026-07-01T12:00:00.000+02:00");
    }

    @Test
    void aTextModeLineIsNotAMachineEvent() {
        String text = new TextFormat(PARIS).format(
                new ChatEvent.Message("lobby", T, new Member("alice", "127.0.0.1:1"), "hello", false));
        assertThatThrownBy(() -> MachineFormat.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedLinesAreRefusedWithIllegalArgument() {
        assertThatThrownBy(() -> MachineFormat.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MachineFormat.parse("message\tlobby\tyesterday\ta\tb\t0\tc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time");
        assertThatThrownBy(() -> MachineFormat.parse("shout\tlobby\t2026-11-26T14:02:07.120+01:00\ta\tb\t0\tc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MachineFormat.parse("message\tlobby\t2026-11-26T14:02:07.120+01:00\ta\tb\t0\tc\td"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapeLeavesCleanTextAsTheSameInstance() {
        String clean = "nothing to escape 张伟";
        assertThat(MachineFormat.escape(clean)).isSameAs(clean);
        assertThat(MachineFormat.escape("a\\b\tc\nd\re")).isEqualTo("a\\\\b\\tc\\nd\\re");
    }
}
