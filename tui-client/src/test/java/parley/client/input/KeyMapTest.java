package parley.client.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import org.junit.jupiter.api.Test;

class KeyMapTest {

    private final KeyMap keys = new KeyMap();

    @Test
    void surrogatePairsArriveAsOneInsert() {
        assertThat(keys.map(new KeyStroke('\uD83D', false, false))).isEmpty();
        assertThat(keys.map(new KeyStroke('\uDE42', false, false))).contains(Action.insert("🙂"));
        // A lone low surrogate is dropped, never stored.
        assertThat(keys.map(new KeyStroke('\uDE42', false, false))).isEmpty();
    }

    @Test
    void controlKeysEditLikeAShell() {
        assertThat(keys.map(new KeyStroke('a', true, false))).contains(Action.of(Action.Kind.HOME));
        assertThat(keys.map(new KeyStroke('E', true, false))).contains(Action.of(Action.Kind.END));
        assertThat(keys.map(new KeyStroke('w', true, false))).contains(Action.of(Action.Kind.DELETE_WORD));
        assertThat(keys.map(new KeyStroke('c', true, false))).contains(Action.of(Action.Kind.INTERRUPT));
        assertThat(keys.map(new KeyStroke('d', true, false))).contains(Action.of(Action.Kind.END_OF_INPUT));
        assertThat(keys.map(new KeyStroke(KeyType.PageUp))).contains(Action.of(Action.Kind.PAGE_UP));
        assertThat(keys.map(new KeyStroke('x', false, true))).isEmpty();
    }

    @Test
    void theMouseWheelScrolls() {
        MouseAction up = new MouseAction(MouseActionType.SCROLL_UP, 4, new TerminalPosition(0, 0));
        MouseAction click = new MouseAction(MouseActionType.CLICK_DOWN, 1, new TerminalPosition(0, 0));
        assertThat(keys.map(up)).contains(Action.of(Action.Kind.SCROLL_UP));
        assertThat(keys.map(click)).isEmpty();
    }
}
