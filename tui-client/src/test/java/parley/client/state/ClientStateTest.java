package parley.client.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.protocol.ChatEvent;
import parley.protocol.EventKind;

class ClientStateTest {

    private static final Instant T = Instant.parse("2026-11-26T09:05:00Z");
    private final ClientState state = new ClientState(ZoneOffset.UTC, "host:1");

    private static ChatEvent ev(EventKind kind, String room, String nick, String text) {
        return new ChatEvent(kind, room, T, nick, "1.2.3.4:5", text, false);
    }

    private List<String> lines() {
        MessageLog log = state.log();
        return java.util.stream.IntStream.range(0, log.size()).mapToObj(i -> log.get(i).plainText()).toList();
    }

    @Test
    void followsNickRoomAndMembers() {
        state.onEvent(ev(EventKind.WELCOME, "lobby", "guest1", "hi"));
        state.onEvent(ev(EventKind.MEMBERS, "lobby", "", "guest1@a:1 bob@a:2"));
        state.onEvent(ev(EventKind.JOIN, "lobby", "carol", ""));
        state.onEvent(ev(EventKind.NICK, "lobby", "guest1", "alice"));
        state.onEvent(ev(EventKind.LEAVE, "lobby", "bob", "quit"));

        assertThat(state.nick()).isEqualTo("alice");
        assertThat(state.room()).isEqualTo("lobby");
        assertThat(state.memberCount()).isEqualTo(2);
        assertThat(lines()).contains("09:05 -- guest1 is now known as alice", "09:05 <- bob left #lobby (quit)");
    }

    @Test
    void anIgnoredNickStaysIgnoredAfterARename() {
        state.onEvent(ev(EventKind.WELCOME, "lobby", "me", "hi"));
        state.submit("/ignore Troll", T);
        state.onEvent(ev(EventKind.NICK, "lobby", "troll", "angel"));
        state.onEvent(ev(EventKind.MESSAGE, "lobby", "angel", "hidden"));
        assertThat(lines()).noneMatch(l -> l.contains("hidden") || l.contains("angel"));

        state.submit("/unignore angel", T);
        state.onEvent(ev(EventKind.MESSAGE, "lobby", "angel", "visible"));
        assertThat(lines()).anyMatch(l -> l.endsWith("<angel> visible"));
    }

    @Test
    void theBellRingsForMentionsAndPrivateMessagesButNotForHistoryOrYourself() {
        state.onEvent(ev(EventKind.WELCOME, "lobby", "alice", "hi"));
        assertThat(state.onEvent(ev(EventKind.MESSAGE, "lobby", "bob", "@alice: look"))).isTrue();
        assertThat(state.onEvent(ev(EventKind.MESSAGE, "lobby", "bob", "malice is not a mention"))).isFalse();
        assertThat(state.onEvent(ev(EventKind.PRIVATE, "alice", "bob", "psst"))).isTrue();
        assertThat(state.onEvent(ev(EventKind.MESSAGE, "lobby", "bob", "alice").asHistory())).isFalse();
        assertThat(state.onEvent(ev(EventKind.MESSAGE, "lobby", "alice", "alice alice"))).isFalse();
    }

    @Test
    void clientCommandsStayLocalAndQuitIsSent() {
        assertThat(state.submit("/clear", T).toServer()).isEmpty();
        assertThat(state.submit("/bell nonsense", T).toServer()).isEmpty();
        assertThat(state.bell()).isEqualTo(BellMode.MENTION);
        assertThat(state.submit("//clear is text", T).toServer()).containsExactly("//clear is text");
        assertThat(state.submit("/who", T).toServer()).containsExactly("/who");
        Submission quit = state.submit("/quit bye", T);
        assertThat(quit.quit()).isTrue();
        assertThat(quit.toServer()).containsExactly("/quit bye");
    }

    @Test
    void clientCommandsAreReadAsTheServerReadsThemStrippedSplitAtTabsAnyCase() {
        Submission quit = state.submit(" /QUIT\tbye", T);
        assertThat(quit.quit()).isTrue();
        assertThat(quit.toServer()).containsExactly(" /QUIT\tbye");
        assertThat(state.submit("\t/quit", T).quit()).isTrue();

        assertThat(state.submit("\t/bell\tall ", T).toServer()).isEmpty();
        assertThat(state.bell()).isEqualTo(BellMode.ALL);
        assertThat(state.submit(" /Ignore  Troll ", T).toServer()).isEmpty();
        assertThat(state.ignores().ignores("troll")).isTrue();
        assertThat(state.submit("/unignore\tTroll", T).toServer()).isEmpty();
        assertThat(state.ignores().nicks()).isEmpty();
        assertThat(state.submit(" /help", T).toServer()).containsExactly("/help");
        assertThat(state.submit("/clear\t", T).toServer()).isEmpty();
        assertThat(lines()).isEmpty();

        // The server splits the command word at a space or TAB only: this is an unknown command to it.
        Submission notQuit = state.submit("/quit\u3000bye", T);
        assertThat(notQuit.quit()).isFalse();
        assertThat(notQuit.toServer()).containsExactly("/quit\u3000bye");
        assertThat(state.submit(" //quit is text", T).quit()).isFalse();
    }

    @Test
    void aPastedLineIsNeverRunEvenIndented() {
        state.offerPaste(List.of("  /quit", "\t/nick mallory", "/join x", "//x", "plain /quit"));
        assertThat(state.answerPaste(true, T).toServer())
                .containsExactly("//quit", "//nick mallory", "//join x", "///x", "plain /quit");
    }

    @Test
    void inputHistoryKeepsAtLeastFiveHundredLinesAndTheDraft() {
        for (int i = 0; i < 600; i++) {
            state.submit("line " + i, T);
        }
        state.input().insert("draft");
        for (int i = 0; i < 600; i++) {
            state.historyPrevious();
        }
        assertThat(state.input().text()).isEqualTo("line 0");
        for (int i = 0; i < 600; i++) {
            state.historyNext();
        }
        assertThat(state.input().text()).isEqualTo("draft");
    }
}
