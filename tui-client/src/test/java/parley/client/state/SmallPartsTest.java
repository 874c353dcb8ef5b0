package parley.client.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void widths() {
        assertThat(Graphemes.columns("abc")).isEqualTo(3);
        assertThat(Graphemes.columns("你好")).isEqualTo(4);
        assertThat(Graphemes.columns("한국어")).isEqualTo(6);
        assertThat(Graphemes.columns("ｱ")).isEqualTo(1);          // halfwidth katakana
        assertThat(Graphemes.columns("🙂")).isEqualTo(2);
        assertThat(Graphemes.columns("❤\uFE0F")).isEqualTo(2);
        assertThat(Graphemes.columns("e\u0301")).isEqualTo(1);
        assertThat(Graphemes.split("a🙂e\u0301")).containsExactly("a", "🙂", "e\u0301");
    }

    @Test
    void mentionsAreWholeWordsIgnoringCase() {
        assertThat(Mentions.mentions("hi Alice!", "alice")).isTrue();
        assertThat(Mentions.mentions("@alice: yes", "alice")).isTrue();
        assertThat(Mentions.mentions("alice_2 is here", "alice")).isFalse();
        assertThat(Mentions.mentions("malice", "alice")).isFalse();
        assertThat(Mentions.mentions("李雷你好", "李雷")).isFalse();   // letters on both sides: not a word
        assertThat(Mentions.mentions("李雷: 你好", "李雷")).isTrue();
    }

    @Test
    void nickColoursIgnoreCaseAndStayInRange() {
        assertThat(NickColours.of("Bob")).isEqualTo(NickColours.of("bob"));
        assertThat(List.of("a", "bb", "李雷", "🙂")).allMatch(n -> NickColours.of(n) >= 0 && NickColours.of(n) < 12);
    }

    @Test
    void completionCyclesThroughMatchesInOrder() {
        Completer c = new Completer();
        InputLine line = new InputLine();
        line.insert("b");
        List<String> nicks = List.of("bob", "Bea", "carol");
        assertThat(c.complete(line, nicks, List.of())).isTrue();
        assertThat(line.text()).isEqualTo("Bea: ");
        c.complete(line, nicks, List.of());
        assertThat(line.text()).isEqualTo("bob: ");
        c.complete(line, nicks, List.of());
        assertThat(line.text()).isEqualTo("Bea: ");

        c.reset();
        InputLine other = new InputLine();
        other.insert("/msg ca");
        c.complete(other, nicks, List.of());
        assertThat(other.text()).isEqualTo("/msg carol ");
        InputLine none = new InputLine();
        none.insert("zz");
        assertThat(c.complete(none, nicks, List.of())).isFalse();
    }

    @Test
    void bellModesParse() {
        assertThat(BellMode.parse("ALL")).contains(BellMode.ALL);
        assertThat(BellMode.parse("loud")).isEmpty();
    }
}
