package parley.client.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.client.tui.Harness.member;
import static parley.client.tui.Harness.minutes;
import static parley.client.tui.Harness.says;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.protocol.ChatEvent;

/** The full-screen client drawn on a virtual terminal and read back as a text picture. */
class ScreenTest {

    @Test
    void chineseConversationWrapsInAFortyColumnPaneWithIndentedContinuations() {
        Harness h = new Harness(40, 12).connectedAs("alice", "bob", "李雷");
        h.receive(says("李雷", "你好，韩梅梅！今天天气很好，我们一起去公园散步吧。好不好？", 1));
        h.receive(says("韩梅梅", "好啊 see you at 3点", 2)).step();

        assertThat(h.picture()).containsExactly(
                "",
                "",
                "14:02 -- welcome, alice",
                "14:02 -- in #lobby: alice@127.0.0.1:1,",
                "         bob@127.0.0.1:2, 李雷",
                "         @127.0.0.1:2 (3)",
                "14:03 <李雷> 你好，韩梅梅！今天天气很好",
                "             ，我们一起去公园散步吧。好",
                "             不好？",
                "14:04 <韩梅梅> 好啊 see you at 3点",
                " [connected] alice #lobby (3) | 127.0.0.",
                ">");
    }

    @Test
    void wideCharactersNeverStraddleTheRightEdge() {
        // 39 columns: after the 13-column head, 26 columns hold 13 ideographs exactly; at 38 only 12 fit, and the
        // thirteenth moves down whole instead of being cut in half.
        Harness h = new Harness(38, 6).connectedAs("alice");
        h.receive(says("李雷", "一二三四五六七八九十一二三四", 1)).step();

        assertThat(h.picture()).contains("14:03 <李雷> 一二三四五六七八九十一二", "             三四");
    }

    @Test
    void typingAndDeletingChineseMovesTheCursorTwoColumnsPerCharacter() {
        Harness h = new Harness(40, 12).connectedAs("alice");

        h.type("你").step();
        assertThat(h.row(11)).isEqualTo("> 你");
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(4, 11));

        h.type("好").step();
        assertThat(h.row(11)).isEqualTo("> 你好");
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(6, 11));

        h.key(KeyType.ArrowLeft).step();
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(4, 11));

        h.key(KeyType.Backspace).step();     // removes 你, the whole character before the cursor
        assertThat(h.row(11)).isEqualTo("> 好");
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(2, 11));

        h.key(KeyType.Delete).step();
        assertThat(h.row(11)).isEqualTo(">");
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(2, 11));
        assertThat(h.client.state().input().text()).isEmpty();
    }

    @Test
    void anEmojiTypedAsTwoSurrogatesIsOneCharacterForBackspace() {
        Harness h = new Harness(40, 12).connectedAs("alice");

        h.type("a🙂").step();
        assertThat(h.row(11)).isEqualTo("> a🙂");
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(5, 11));

        h.key(KeyType.Backspace).step();
        assertThat(h.client.state().input().text()).isEqualTo("a");
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(3, 11));
    }

    /**
     * ☕ and ✅ are East Asian Wide: a terminal draws them two columns wide, and the text after them must be where the
     * terminal puts it. Lanterna counts them as one column, so each is drawn with an emoji presentation selector
     * (U+FE0F, no width of its own), which it counts as two.
     */
    @Test
    void textAfterWideBmpEmojiStaysInTheColumnsATerminalDrawsItIn() {
        Harness h = new Harness(40, 6).connectedAs("alice");
        h.receive(says("bob", "☕ and ✅ done", 1)).step();

        int row = 3;
        assertThat(h.row(row)).isEqualTo("14:03 <bob> ☕\uFE0F and ✅\uFE0F done");
        assertThat(h.cell(12, row).getCharacterString()).startsWith("☕");
        assertThat(h.cell(12, row).isDoubleWidth()).isTrue();
        assertThat(h.cell(15, row).getCharacterString()).isEqualTo("a");
        assertThat(h.cell(19, row).getCharacterString()).startsWith("✅");
        assertThat(h.cell(22, row).getCharacterString()).isEqualTo("d");
        assertThat(h.cell(25, row).getCharacterString()).isEqualTo("e");

        h.type("☕!").step();
        assertThat(h.row(5)).isEqualTo("> ☕\uFE0F!");
        assertThat(h.cell(4, 5).getCharacterString()).isEqualTo("!");
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(5, 5));
        assertThat(h.client.state().input().text()).isEqualTo("☕!");     // the selector is the view's, not sent
    }

    @Test
    void aMessageArrivingWhileTypingLeavesTheInputAndCursorAlone() {
        Harness h = new Harness(40, 12).connectedAs("alice", "bob");
        h.type("我正在打字").key(KeyType.ArrowLeft).step();
        TerminalPosition before = h.cursor();

        h.receive(says("bob", "interrupting you with a long message that wraps over lines", 1)).step();

        assertThat(h.row(11)).isEqualTo("> 我正在打字");
        assertThat(h.cursor()).isEqualTo(before).isEqualTo(new TerminalPosition(10, 11));
        assertThat(h.picture().subList(7, 10)).containsExactly(
                "14:03 <bob> interrupting you with a long",
                "            message that wraps over",
                "            lines");
    }

    @Test
    void resizeRewrapsAtOnceAndBack() {
        Harness h = new Harness(80, 24).connectedAs("alice", "bob");
        h.receive(says("bob", "a sentence long enough to need two rows once the terminal is only forty wide", 1));
        h.type("draft").step();
        assertThat(h.row(20)).isEqualTo(
                "14:03 127.0.0.1:2 <bob> a sentence long enough to need two rows once the");
        assertThat(h.row(22)).startsWith(" [connected] alice #lobby (2) | 127.0.0.1:7000 | bell:mention");

        h.resize(40, 12);
        assertThat(h.picture()).containsExactly(
                "",
                "",
                "",
                "",
                "14:02 -- welcome, alice",
                "14:02 -- in #lobby: alice@127.0.0.1:1,",
                "         bob@127.0.0.1:2 (2)",
                "14:03 <bob> a sentence long enough to",
                "            need two rows once the",
                "            terminal is only forty wide",
                " [connected] alice #lobby (2) | 127.0.0.",
                "> draft");
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(7, 11));

        h.resize(80, 24);
        assertThat(h.row(20)).isEqualTo(
                "14:03 127.0.0.1:2 <bob> a sentence long enough to need two rows once the");
        assertThat(h.row(21)).isEqualTo("                        terminal is only forty wide");
        assertThat(h.row(23)).isEqualTo("> draft");
    }

    @Test
    void scrolledUpTheViewStaysAndAMarkerCountsNewLinesUntilEnd() {
        Harness h = new Harness(40, 8).connectedAs("alice", "bob");
        for (int i = 1; i <= 20; i++) {
            h.receive(says("bob", "line " + i, 0));
        }
        h.step();
        assertThat(h.row(5)).isEqualTo("14:02 <bob> line 20");

        h.key(KeyType.PageUp).step();
        List<String> held = h.picture().subList(0, 5);
        assertThat(h.row(5)).isEqualTo("-- more below: End to return --");
        assertThat(held).containsExactly(
                "14:02 <bob> line 12",
                "14:02 <bob> line 13",
                "14:02 <bob> line 14",
                "14:02 <bob> line 15",
                "14:02 <bob> line 16");

        h.receive(says("bob", "line 21", 0)).receive(says("alice", "my own", 0)).receive(says("bob", "line 22", 0));
        h.step();
        assertThat(h.picture().subList(0, 5)).isEqualTo(held);
        assertThat(h.row(5)).isEqualTo("-- 3 new below: End to return --");
        assertThat(h.row(6)).as("your own line is not unread").contains("2 unread");
        assertThat(h.cell(0, 5).getBackgroundColor()).isEqualTo(TextColor.ANSI.YELLOW);

        h.key(KeyType.End).step();
        assertThat(h.row(5)).isEqualTo("14:02 <bob> line 22");
        assertThat(h.row(6)).doesNotContain("unread");
    }

    @Test
    void pageDownReturnsToTheBottomAndTheWheelScrolls() {
        Harness h = new Harness(40, 8).connectedAs("alice", "bob");
        for (int i = 1; i <= 20; i++) {
            h.receive(says("bob", "line " + i, 0));
        }
        h.step();
        h.terminal.addInput(new com.googlecode.lanterna.input.MouseAction(
                com.googlecode.lanterna.input.MouseActionType.SCROLL_UP, 4, new TerminalPosition(1, 1)));
        h.step();
        assertThat(h.row(4)).isEqualTo("14:02 <bob> line 17");

        h.key(KeyType.PageDown).step();
        assertThat(h.row(5)).isEqualTo("14:02 <bob> line 20");
        assertThat(h.client.state().scroll().following()).isTrue();
    }

    @Test
    void aMentionIsHighlightedAndRingsTheBellButOwnLinesAndOthersDoNot() {
        Harness h = new Harness(40, 12).connectedAs("alice", "bob");
        h.receive(says("bob", "nothing to see", 1));
        h.receive(says("bob", "hey Alice, look", 2));
        h.receive(says("alice", "my own line", 3)).step();

        assertThat(h.row(8)).isEqualTo("14:04 <bob> hey Alice, look");
        TextColor mention = h.cell(12, 8).getBackgroundColor();
        assertThat(mention).isEqualTo(TextColor.ANSI.YELLOW_BRIGHT);
        assertThat(h.cell(12, 7).getBackgroundColor()).isEqualTo(TextColor.ANSI.DEFAULT);
        assertThat(h.bells).isEqualTo(1);
        // Own lines are distinct: the nick is reversed and the text bold.
        assertThat(h.row(9)).isEqualTo("14:05 <alice> my own line");
        assertThat(h.cell(6, 9).getModifiers()).contains(SGR.REVERSE);
        assertThat(h.cell(14, 9).getModifiers()).contains(SGR.BOLD);
        assertThat(h.cell(6, 8).getModifiers()).doesNotContain(SGR.REVERSE);
    }

    @Test
    void bellCommandChangesWhenTheBellRings() {
        Harness h = new Harness(60, 12).connectedAs("alice", "bob");
        h.type("/bell off").key(KeyType.Enter).step();
        h.receive(says("bob", "alice?", 1)).step();
        assertThat(h.bells).isZero();

        h.type("/bell all").key(KeyType.Enter).step();
        h.receive(says("bob", "anything", 2)).step();
        assertThat(h.bells).isEqualTo(1);
        assertThat(h.sent).isEmpty();
        assertThat(h.row(10)).contains("bell:all");
    }

    @Test
    void nickColoursAreStablePerNick() {
        // dave's colour index differs from bob's (see NickColours); colour is by nick, not by line.
        assertThat(parley.client.state.NickColours.of("dave")).isNotEqualTo(parley.client.state.NickColours.of("bob"));
        Harness h = new Harness(40, 12).connectedAs("alice", "bob", "dave");
        h.receive(says("bob", "one", 1)).receive(says("dave", "two", 1)).receive(says("BOB", "three", 1)).step();

        TextColor bob = h.cell(7, 7).getForegroundColor();
        assertThat(h.cell(7, 9).getForegroundColor()).isEqualTo(bob);
        assertThat(h.cell(7, 8).getForegroundColor()).isNotEqualTo(bob);
    }

    @Test
    void historyIsMarkedAndTheDayChangeIsShown() {
        Harness h = new Harness(44, 10).connectedAs("alice");
        h.receive(says("bob", "from yesterday", -24 * 60).asHistory());
        h.receive(new ChatEvent.Join("lobby", minutes(0), member("alice"))).step();

        assertThat(h.picture().subList(0, 9)).containsExactly(
                "14:02 -- welcome, alice",
                "14:02 -- in #lobby: alice@127.0.0.1:1 (1)",
                "--- earlier in #lobby ---",
                "--- Wednesday 25 November 2026 ---",
                "14:02 <bob> from yesterday",
                "--- now ---",
                "--- Thursday 26 November 2026 ---",
                "14:02 -> alice joined #lobby",
                " [connected] alice #lobby (1) | 127.0.0.1:70");
        assertThat(h.cell(0, 4).getModifiers()).contains(SGR.ITALIC);
        assertThat(h.cell(0, 7).getModifiers()).doesNotContain(SGR.ITALIC);
    }

    @Test
    void longInputScrollsSidewaysKeepingTheCursorVisible() {
        Harness h = new Harness(20, 6).connectedAs("alice");
        h.type("abcdefghijklmnopqrstuvwxyz").step();
        assertThat(h.row(5)).isEqualTo("> jklmnopqrstuvwxyz");
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(19, 5));

        h.ctrl('a').step();
        assertThat(h.row(5)).isEqualTo("> abcdefghijklmnopqr");
        assertThat(h.cursor()).isEqualTo(new TerminalPosition(2, 5));
    }

    @Test
    void editingKeysWorkOnWholeWords() {
        Harness h = new Harness(40, 6).connectedAs("alice");
        h.type("hello big world").ctrl('w').step();
        assertThat(h.client.state().input().text()).isEqualTo("hello big ");
        h.ctrl('a').ctrl('k').type("x").ctrl('e').type("y").step();
        assertThat(h.client.state().input().text()).isEqualTo("xy");
        h.ctrl('u').step();
        assertThat(h.row(5)).isEqualTo(">");
        h.ctrl('y').step();
        assertThat(h.client.state().input().text()).as("Ctrl-Y puts back the last kill").isEqualTo("xy");

        h.ctrl('u').type("one two three").step();
        h.terminal.addInput(new KeyStroke('b', false, true));       // Alt-B
        h.terminal.addInput(new KeyStroke(KeyType.ArrowLeft, true, false));     // Ctrl-Left
        h.type("X").step();
        assertThat(h.client.state().input().text()).isEqualTo("one Xtwo three");
        h.terminal.addInput(new KeyStroke('f', false, true));       // Alt-F
        h.type("Y").step();
        assertThat(h.client.state().input().text()).isEqualTo("one XtwoY three");
        h.terminal.addInput(new KeyStroke(KeyType.ArrowRight, true, false));    // Ctrl-Right
        h.type("Z").step();
        assertThat(h.client.state().input().text()).isEqualTo("one XtwoY threeZ");
    }

    @Test
    void upAndDownWalkTheInputHistory() {
        Harness h = new Harness(40, 6).connectedAs("alice");
        h.type("first").key(KeyType.Enter).step();
        h.type("second").key(KeyType.Enter).step();
        h.type("draft").step();
        h.key(KeyType.ArrowUp).step();
        assertThat(h.row(5)).isEqualTo("> second");
        h.key(KeyType.ArrowUp).key(KeyType.ArrowUp).step();
        assertThat(h.row(5)).isEqualTo("> first");
        h.key(KeyType.ArrowDown).key(KeyType.ArrowDown).step();
        assertThat(h.row(5)).isEqualTo("> draft");
        assertThat(h.sent).containsExactly("first", "second");
    }

    @Test
    void tabCompletesNicksAndCommands() {
        Harness h = new Harness(40, 6).connectedAs("alice", "bob", "bora");
        h.type("bo").key(KeyType.Tab).step();
        assertThat(h.row(5)).isEqualTo("> bob:");
        h.key(KeyType.Tab).step();
        assertThat(h.row(5)).isEqualTo("> bora:");
        h.type("hi @al").key(KeyType.Tab).step();
        assertThat(h.client.state().input().text()).isEqualTo("bora: hi @alice ");
        h.ctrl('u').type("so bo").key(KeyType.Tab).type("and al").key(KeyType.Tab).step();
        assertThat(h.client.state().input().text()).as("nicks complete anywhere in the line")
                .isEqualTo("so bob and alice ");
        h.ctrl('u').type("/jo").key(KeyType.Tab).step();
        assertThat(h.client.state().input().text()).isEqualTo("/join ");
    }

    @Test
    void clearIgnoreAndHelpAreClientCommands() {
        Harness h = new Harness(60, 20).connectedAs("alice", "bob");
        h.receive(says("bob", "spam", 1)).step();
        h.type("/ignore bob").key(KeyType.Enter).step();
        h.receive(says("bob", "more spam", 2)).step();
        assertThat(h.dump()).doesNotContain("more spam").contains("ignoring bob");

        h.type("/clear").key(KeyType.Enter).step();
        assertThat(h.picture().subList(0, 18)).allMatch(String::isEmpty);
        h.key(KeyType.PageUp).step();
        assertThat(h.dump()).as("the scrollback is one PgUp away").contains("<bob> spam", "ignoring bob");
        h.key(KeyType.End).step();
        assertThat(h.picture().subList(0, 18)).allMatch(String::isEmpty);
        h.receive(says("carol", "after the clear", 3)).step();
        assertThat(h.picture().subList(0, 17)).allMatch(String::isEmpty);
        assertThat(h.row(17)).contains("<carol> after the clear");

        h.type("/help").key(KeyType.Enter).step();
        assertThat(h.dump()).contains("/bell [off|mention|all]", "Server commands:");
        assertThat(h.sent).as("the PgUp at the top asked for older lines; /help goes to the server too")
                .containsExactly("/history before " + Long.MAX_VALUE + " 100", "/help");
    }

    @Test
    void linesTypedWhileOfflineAreKeptAndThePaneSaysSo() {
        Harness h = new Harness(60, 10).connectedAs("alice");
        h.client.changed(parley.client.net.LinkState.RETRYING, "disconnected (reset); reconnecting in 1 s");
        h.step();
        h.type("are you there?").key(KeyType.Enter).step();

        assertThat(h.sent).containsExactly("are you there?");
        assertThat(h.dump()).contains("-- disconnected (reset); reconnecting in 1 s",
                "-- not connected: 1 line kept, sent when reconnected");
        assertThat(h.row(8)).startsWith(" [reconnecting] alice");
    }
}
