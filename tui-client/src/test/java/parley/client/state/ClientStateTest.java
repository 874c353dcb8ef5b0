package parley.client.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

class ClientStateTest {

    private static final Instant T = Instant.parse("2026-11-26T09:05:00Z");
    private final ClientState state = new ClientState(ZoneOffset.UTC, "host:1");

    private static Member who(String nick) {
        return new Member(nick, "1.2.3.4:5");
    }

    private static ChatEvent.Welcome welcome(String nick) {
        return new ChatEvent.Welcome("lobby", T, who(nick), "hi");
    }

    private static ChatEvent.Message says(String nick, String text) {
        return new ChatEvent.Message("lobby", T, who(nick), text, false);
    }

    private static ChatEvent.NickChange renames(String oldNick, String newNick) {
        return new ChatEvent.NickChange("lobby", T, oldNick, newNick, "1.2.3.4:5");
    }

    private List<String> lines() {
        MessageLog log = state.log();
        return java.util.stream.IntStream.range(0, log.size()).mapToObj(i -> log.get(i).plainText()).toList();
    }

    @Test
    void followsNickRoomAndMembers() {
        state.onEvent(welcome("guest1"));
        state.onEvent(new ChatEvent.Members("lobby", T, List.of(new Member("guest1", "a:1"), new Member("bob", "a:2"))));
        state.onEvent(new ChatEvent.Join("lobby", T, who("carol")));
        state.onEvent(renames("guest1", "alice"));
        state.onEvent(new ChatEvent.Leave("lobby", T, who("bob"), "quit"));

        assertThat(state.nick()).isEqualTo("alice");
        assertThat(state.room()).isEqualTo("lobby");
        assertThat(state.memberCount()).isEqualTo(2);
        assertThat(lines()).contains("09:05:00 1.2.3.4:5 -- guest1 is now known as alice", "09:05:00 1.2.3.4:5 <- bob left #lobby (quit)");
    }

    @Test
    void aBigRoomShowsItsCountAndItsSummariesAndAPageOfWhoAddsToWhoIsKnown() {
        state.onEvent(welcome("guest1"));
        state.onEvent(new ChatEvent.Members("lobby", T, List.of(who("guest1"), who("bob")), 10_000));
        assertThat(state.memberCount()).isEqualTo(10_000);
        state.onEvent(new ChatEvent.Presence("lobby", T, 120, 14, 3, 10_106, List.of("carol", "dave")));
        assertThat(state.memberCount()).isEqualTo(10_106);
        state.onEvent(new ChatEvent.Members("lobby", T, List.of(who("erin")), 10_106));
        state.input().set("er");
        state.complete();
        assertThat(state.input().text()).startsWith("erin");
        assertThat(lines()).contains("09:05:00 -- in #lobby: 10000 people, among them guest1@1.2.3.4:5, bob@1.2.3.4:5 (2)",
                "09:05:00 -- #lobby: +120 joined (carol, dave), -14 left, 3 renamed; 10106 here");

        state.onEvent(welcome("guest1"));
        state.onEvent(new ChatEvent.Members("lobby", T, List.of(who("guest1"))));
        assertThat(state.memberCount()).as("a small room again: its list is whole").isEqualTo(1);
    }

    @Test
    void anIgnoredNickStaysIgnoredAfterARename() {
        state.onEvent(welcome("me"));
        state.submit("/ignore Troll", T);
        state.onEvent(renames("troll", "angel"));
        state.onEvent(says("angel", "hidden"));
        assertThat(lines()).noneMatch(l -> l.contains("hidden") || l.contains("angel"));

        state.submit("/unignore angel", T);
        state.onEvent(says("angel", "visible"));
        assertThat(lines()).anyMatch(l -> l.endsWith("<angel> visible"));
    }

    @Test
    void theBellRingsForMentionsAndPrivateMessagesButNotForHistoryOrYourself() {
        state.onEvent(welcome("alice"));
        assertThat(state.onEvent(says("bob", "@alice: look"))).isTrue();
        assertThat(state.onEvent(says("bob", "malice is not a mention"))).isFalse();
        assertThat(state.onEvent(new ChatEvent.Private(T, who("bob"), "alice", "psst"))).isTrue();
        assertThat(state.onEvent(says("bob", "alice").asHistory())).isFalse();
        assertThat(state.onEvent(says("alice", "alice alice"))).isFalse();
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
        assertThat(state.scroll().visibleRows()).isEmpty();
        assertThat(lines()).as("kept for PgUp").isNotEmpty();

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
