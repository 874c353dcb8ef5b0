package parley.client.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.client.tui.Harness.member;
import static parley.client.tui.Harness.minutes;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

/** One window per conversation on the virtual terminal: switching, the activity bar, the read marker, the nick list. */
class WindowsTest {

    private static final int STATUS = 22;

    private static ChatEvent.Welcome welcome(String room, String nick) {
        return new ChatEvent.Welcome(room, minutes(0), member(nick), "you are in #" + room);
    }

    private static ChatEvent.Message in(String room, String nick, String text) {
        return new ChatEvent.Message(room, minutes(1), member(nick), text, false);
    }

    private static Harness alt(Harness h, char c) {
        h.terminal.addInput(new KeyStroke(c, false, true));
        return h;
    }

    /** alice in #lobby (window 1), then #rust (window 2), with bob writing to her in private (window 3). */
    private static Harness threeWindows(int columns) {
        Harness h = new Harness(columns, 24).connectedAs("alice", "bob");
        h.type("/join rust").key(KeyType.Enter).step();
        h.receive(welcome("rust", "alice"))
                .receive(new ChatEvent.Members("rust", minutes(0), List.of(member("alice"), member("carol"))))
                .step();
        h.receive(new ChatEvent.Private(minutes(1), member("bob"), "alice", "psst, alice")).step();
        return h;
    }

    @Test
    void eachConversationHasItsWindowAndTheActivityBarSaysWhereSomethingIsNew() {
        Harness h = threeWindows(90);
        assertThat(h.sent).containsExactly("/join rust");
        assertThat(h.row(STATUS)).startsWith(" [connected] alice #rust (2) | win 2/3 | act 3:bob(1) |");
        assertThat(h.dump()).doesNotContain("psst").doesNotContain("welcome, alice");
        int at = h.row(STATUS).indexOf("3:bob(1)");
        assertThat(h.cell(at, STATUS).getBackgroundColor()).as("a private message is highlighted")
                .isEqualTo(TextColor.ANSI.YELLOW_BRIGHT);

        h.receive(in("rust", "carol", "hello rust")).step();
        alt(h, '3').step();
        assertThat(h.row(STATUS)).startsWith(" [connected] alice query bob | win 3/3 |").doesNotContain("act ");
        assertThat(h.dump()).contains("*bob -> alice* psst, alice").doesNotContain("hello rust");

        h.type("hi bob").key(KeyType.Enter).step();
        assertThat(h.sent).as("what you type in a private window goes to that person")
                .containsExactly("/join rust", "/msg bob hi bob");

        alt(h, '1').step();
        assertThat(h.sent).as("a room's window takes you back to the room").endsWith("/join lobby");
        assertThat(h.dump()).contains("welcome, alice");
    }

    @Test
    void theReadMarkerShowsWhereYouLeftOffAndMovesWhenYouLeaveAgain() {
        Harness h = threeWindows(90);
        h.receive(in("lobby", "bob", "said while you were in #rust")).step();
        assertThat(h.row(STATUS)).contains("act 1:#lobby(1) 3:bob(1)");

        h.receive(welcome("lobby", "alice")).step();    // back in #lobby
        List<String> lobby = h.picture();
        int marker = lobby.indexOf("--- new ---");
        assertThat(marker).isPositive();
        assertThat(lobby.get(marker + 1)).endsWith("<bob> said while you were in #rust");
        assertThat(h.row(STATUS)).contains("act 3:bob(1)").doesNotContain("1:#lobby");

        h.terminal.addInput(new KeyStroke(KeyType.ArrowRight, false, true));     // Alt-Right: window 2
        h.step();
        h.receive(in("lobby", "bob", "and again")).step();
        h.receive(welcome("lobby", "alice")).step();
        assertThat(h.picture().stream().filter("--- new ---"::equals)).as("one marker, moved").hasSize(1);
        List<String> again = h.picture();
        assertThat(again.get(again.indexOf("--- new ---") + 1)).endsWith("<bob> and again");
    }

    @Test
    void aMentionHighlightsItsWindowAndWindowCommandsSayWhatIsWrong() {
        Harness h = threeWindows(90);
        h.receive(in("lobby", "bob", "alice: are you there?")).step();
        int at = h.row(STATUS).indexOf("1:#lobby(1)");
        assertThat(h.cell(at, STATUS).getBackgroundColor()).isEqualTo(TextColor.ANSI.YELLOW_BRIGHT);

        h.type("/window 7").key(KeyType.Enter).step();
        assertThat(h.dump()).contains("-- no window 7 (there are 3)");
        h.type("/part").key(KeyType.Enter).step();
        assertThat(h.dump()).contains("you are always in a room");
        h.type("/window 3").key(KeyType.Enter).type("/part").key(KeyType.Enter).step();
        assertThat(h.row(STATUS)).startsWith(" [connected] alice #rust (2) | win 2/2 |");
        h.type("/query dave").key(KeyType.Enter).step();
        assertThat(h.row(STATUS)).startsWith(" [connected] alice query dave | win 3/3 |");
    }

    @Test
    void aWideTerminalListsTheRoomsPeopleF3HidesThemAndANarrowOneNeverShowsThem() {
        Harness h = threeWindows(130);
        assertThat(h.picture().subList(0, 3)).satisfiesExactly(
                row -> assertThat(row).endsWith("│ alice"),
                row -> assertThat(row).endsWith("│ carol"),
                row -> assertThat(row).endsWith("│"));
        h.receive(new ChatEvent.Join("rust", minutes(2), new Member("dave", "127.0.0.1:3"))).step();
        assertThat(h.row(2)).endsWith("│ dave");
        h.receive(in("rust", "carol", "a line long enough to reach the nick list if the pane did not stop short "
                + "of it, which it must, so it wraps before the rule")).step();
        assertThat(h.dump()).contains("<carol> a line long enough", "must, so it wraps before the rule");
        assertThat(h.picture().subList(0, 21)).as("the pane wraps short of the rule, which stays in its column")
                .allMatch(row -> row.indexOf('│') == 130 - 15 - 1);

        h.key(KeyType.F3).step();
        assertThat(h.picture()).noneMatch(row -> row.contains("│"));
        h.key(KeyType.F3).step();
        assertThat(h.row(0)).endsWith("│ alice");

        h.resize(100, 24);
        assertThat(h.picture()).noneMatch(row -> row.contains("│"));
    }
}
