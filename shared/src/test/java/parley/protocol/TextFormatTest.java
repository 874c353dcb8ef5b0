package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Text lines are for people with nc: each has a fixed, readable shape and never a TAB. */
class TextFormatTest {

    private static final Instant T = Instant.parse("2026-11-26T13:02:07.120Z");
    private static final String ALICE = "127.0.0.1:50312";

    private final TextFormat format = new TextFormat(ZoneOffset.ofHours(1));

    private String line(EventKind kind, String room, String nick, String address, String text) {
        return format.format(new ChatEvent(kind, room, T, nick, address, text, false));
    }

    @Test
    void message() {
        assertThat(line(EventKind.MESSAGE, "lobby", "alice", ALICE, "hello"))
                .isEqualTo("[14:02:07] <alice@127.0.0.1:50312> hello");
    }

    @Test
    void action() {
        assertThat(line(EventKind.ACTION, "lobby", "alice", ALICE, "waves"))
                .isEqualTo("[14:02:07] * alice@127.0.0.1:50312 waves");
    }

    @Test
    void privateMessage() {
        assertThat(line(EventKind.PRIVATE, "bob", "alice", ALICE, "psst"))
                .isEqualTo("[14:02:07] *alice@127.0.0.1:50312 -> bob* psst");
    }

    @Test
    void joinAndLeave() {
        assertThat(line(EventKind.JOIN, "lobby", "bob", "127.0.0.1:50320", ""))
                .isEqualTo("[14:02:07] -> bob (127.0.0.1:50320) joined #lobby");
        assertThat(line(EventKind.LEAVE, "lobby", "bob", "127.0.0.1:50320", "quit: bye"))
                .isEqualTo("[14:02:07] <- bob (127.0.0.1:50320) left #lobby (quit: bye)");
        assertThat(line(EventKind.LEAVE, "lobby", "bob", "127.0.0.1:50320", ""))
                .isEqualTo("[14:02:07] <- bob (127.0.0.1:50320) left #lobby");
    }

    @Test
    void nickChange() {
        assertThat(line(EventKind.NICK, "lobby", "guest1", ALICE, "张伟"))
                .isEqualTo("[14:02:07] -- guest1 (127.0.0.1:50312) is now known as 张伟");
    }

    @Test
    void members() {
        assertThat(line(EventKind.MEMBERS, "lobby", "", "", "a@1.2.3.4:5 b@1.2.3.4:6"))
                .isEqualTo("[14:02:07] -- in #lobby: 2 people: a (1.2.3.4:5), b (1.2.3.4:6)");
        assertThat(line(EventKind.MEMBERS, "dev", "", "", "张伟@[::1]:7"))
                .isEqualTo("[14:02:07] -- in #dev: 1 person: 张伟 ([::1]:7)");
        assertThat(line(EventKind.MEMBERS, "empty", "", "", ""))
                .isEqualTo("[14:02:07] -- in #empty: nobody");
    }

    @Test
    void noticesAndErrors() {
        assertThat(line(EventKind.WELCOME, "lobby", "guest1", ALICE, "welcome to parley"))
                .isEqualTo("[14:02:07] -- welcome to parley");
        assertThat(line(EventKind.INFO, "lobby", "", "", "rooms: #lobby (1)"))
                .isEqualTo("[14:02:07] -- rooms: #lobby (1)");
        assertThat(line(EventKind.ERROR, "lobby", "", "", "no"))
                .isEqualTo("[14:02:07] !! no");
    }

    @Test
    void historyIsMarked() {
        ChatEvent old = new ChatEvent(EventKind.MESSAGE, "lobby", T, "bob", "127.0.0.1:50320", "an older message",
                true);
        assertThat(format.format(old)).isEqualTo("[14:02:07] (history) <bob@127.0.0.1:50320> an older message");
    }

    @Test
    void timeIsTwentyFourHourInTheServersZone() {
        Instant evening = Instant.parse("2026-11-26T22:59:01Z");
        ChatEvent e = ChatEvent.notice(EventKind.INFO, "", evening, "x");
        assertThat(new TextFormat(ZoneId.of("Asia/Shanghai")).format(e)).startsWith("[06:59:01] ");
        assertThat(new TextFormat(ZoneOffset.UTC).format(e)).startsWith("[22:59:01] ");
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void everyKindStartsWithTheTimeAndNeverContainsATab(EventKind kind) {
        for (boolean history : new boolean[] {false, true}) {
            String text = kind == EventKind.MEMBERS ? "a\tb@1.2.3.4:5 c@1.2.3.4:6" : "tab\there\tand 张伟 😀";
            String line = format.format(new ChatEvent(kind, "lob\tby", T, "ni\tck", "1.2.3.4:5", text, history));
            assertThat(line).doesNotContain("\t");
            assertThat(line).matches("\\[\\d\\d:\\d\\d:\\d\\d] " + (history ? "\\(history\\) " : "") + ".+");
            assertThat(line).startsWith("[14:02:07] ");
        }
    }

    @ParameterizedTest
    @EnumSource(value = EventKind.class, names = {"MESSAGE", "ACTION", "PRIVATE"})
    void spokenLinesNameTheSenderAsNickAtAddress(EventKind kind) {
        assertThat(line(kind, "lobby", "张伟", "[2001:db8::1]:40000", "hi"))
                .contains("张伟@[2001:db8::1]:40000")
                .endsWith(" hi");
    }
}
