package parley.client.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.DefaultKeyDecodingProfile;
import com.googlecode.lanterna.input.InputDecoder;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.client.input.BracketedPaste;

/**
 * Pastes are what the terminal marks as pastes (bracketed paste), whatever the typing speed. A paste of several
 * lines asks once and listens only to Enter and Esc; nothing typed meanwhile is eaten or read as an answer.
 */
class PasteTest {

    @Test
    void aMultiLinePasteAsksOnceAndTypingGoesOnIntoTheInputLine() {
        Harness h = new Harness(60, 6).connectedAs("alice");
        h.paste("line one\n/not a command\nline three\n").step();
        assertThat(h.sent).isEmpty();
        assertThat(h.row(3)).isEqualTo("Send 3 pasted lines? Enter sends, Esc discards (typing goes");
        assertThat(h.row(5)).isEqualTo(">");

        h.type("oh hey").step();     // the keys that used to be eaten as answers
        assertThat(h.row(5)).isEqualTo("> oh hey");
        assertThat(h.sent).isEmpty();

        h.key(KeyType.Enter).step();
        assertThat(h.sent).containsExactly("line one", "//not a command", "line three");
        assertThat(h.row(5)).isEqualTo("> oh hey");
        assertThat(h.dump()).doesNotContain("pasted lines?");

        h.key(KeyType.Enter).step();
        assertThat(h.sent).endsWith("oh hey");
    }

    @Test
    void escDiscardsThePasteAndKeepsWhatWasTyped() {
        Harness h = new Harness(60, 6).connectedAs("alice");
        h.paste("a\nb").type("n").step();
        h.key(KeyType.Escape).step();

        assertThat(h.sent).isEmpty();
        assertThat(h.dump()).contains("-- paste of 2 lines discarded");
        assertThat(h.row(5)).isEqualTo("> n");
    }

    @Test
    void aSecondPasteJoinsTheFirstInsteadOfReplacingIt() {
        Harness h = new Harness(60, 6).connectedAs("alice");
        h.paste("one\ntwo\n").step();
        h.paste("three\nfour\n").step();
        assertThat(h.row(3)).startsWith("Send 4 pasted lines?");

        h.key(KeyType.Enter).step();
        assertThat(h.sent).containsExactly("one", "two", "three", "four");
    }

    @Test
    void aOneLinePasteIsInsertedAtTheCursorWithoutAQuestion() {
        Harness h = new Harness(60, 6).connectedAs("alice");
        h.type("say  now").key(KeyType.ArrowLeft).key(KeyType.ArrowLeft).key(KeyType.ArrowLeft).key(KeyType.ArrowLeft);
        h.paste("/quit this").step();

        assertThat(h.client.state().input().text()).isEqualTo("say /quit this now");
        assertThat(h.sent).isEmpty();
    }

    @Test
    void withoutBracketsEnterAlwaysSubmitsHoweverFastTheNextKeyComes() {
        Harness h = new Harness(60, 6).connectedAs("alice");
        h.type("/join dev\nx").step();      // one read, as a fast typist's keys can arrive

        assertThat(h.sent).containsExactly("/join dev");
        assertThat(h.row(5)).isEqualTo("> x");
    }

    @Test
    void lanternaDecodesTheTerminalsPasteMarkers() throws IOException {
        // Line breaks arrive as \n: the terminal driver turns the pasted \r into \n (icrnl, which Lanterna
        // leaves on). Without the pattern, Lanterna reads the markers as Alt-[ followed by "200~" typed.
        InputDecoder decoder = new InputDecoder(new StringReader("\u001b[200~a\nb\u001b[201~c"));
        decoder.addProfile(new DefaultKeyDecodingProfile());
        decoder.addProfile(() -> List.of(new BracketedPaste()));

        List<String> keys = new ArrayList<>();
        for (KeyStroke k = decoder.getNextCharacter(false); k != null && k.getKeyType() != KeyType.EOF;
                k = decoder.getNextCharacter(false)) {
            keys.add(k instanceof BracketedPaste.Mark m ? (m.isStart() ? "[start]" : "[end]")
                    : k.getKeyType() == KeyType.Character ? k.getCharacter().toString() : k.getKeyType().name());
        }
        assertThat(keys).containsExactly("[start]", "a", "Enter", "b", "[end]", "c");
    }
}
