package parley.client.input;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Lanterna key strokes into {@link Action}s: emacs-style control keys as in a shell, arrows, paging and the
 * mouse wheel.
 *
 * <p>Lanterna reports a character outside the BMP (an emoji) as two strokes, one per UTF-16 unit. The map holds
 * the high surrogate until its partner arrives, so the input line only ever receives whole code points. One
 * map belongs to one input stream.
 */
public final class KeyMap {

    private static final Map<KeyType, Action.Kind> KEYS = new EnumMap<>(Map.ofEntries(
            Map.entry(KeyType.ArrowLeft, Action.Kind.LEFT),
            Map.entry(KeyType.ArrowRight, Action.Kind.RIGHT),
            Map.entry(KeyType.Home, Action.Kind.HOME),
            Map.entry(KeyType.End, Action.Kind.END),
            Map.entry(KeyType.Backspace, Action.Kind.BACKSPACE),
            Map.entry(KeyType.Delete, Action.Kind.DELETE),
            Map.entry(KeyType.ArrowUp, Action.Kind.HISTORY_PREVIOUS),
            Map.entry(KeyType.ArrowDown, Action.Kind.HISTORY_NEXT),
            Map.entry(KeyType.Tab, Action.Kind.COMPLETE),
            Map.entry(KeyType.Enter, Action.Kind.SUBMIT),
            Map.entry(KeyType.PageUp, Action.Kind.PAGE_UP),
            Map.entry(KeyType.PageDown, Action.Kind.PAGE_DOWN),
            Map.entry(KeyType.Escape, Action.Kind.CANCEL),
            Map.entry(KeyType.F2, Action.Kind.TOGGLE_ADDRESSES),
            Map.entry(KeyType.F3, Action.Kind.TOGGLE_NICK_LIST),
            // The terminal's input is gone (window closed): treat as Ctrl-C.
            Map.entry(KeyType.EOF, Action.Kind.INTERRUPT)));

    private static final Map<Character, Action.Kind> ALT = Map.of(
            'b', Action.Kind.WORD_LEFT,
            'f', Action.Kind.WORD_RIGHT);

    private static final Map<Character, Action.Kind> CONTROL = Map.ofEntries(
            Map.entry('a', Action.Kind.HOME),
            Map.entry('e', Action.Kind.END),
            Map.entry('b', Action.Kind.LEFT),
            Map.entry('f', Action.Kind.RIGHT),
            Map.entry('k', Action.Kind.KILL_TO_END),
            Map.entry('u', Action.Kind.KILL_TO_START),
            Map.entry('w', Action.Kind.DELETE_WORD),
            Map.entry('y', Action.Kind.YANK),
            Map.entry('h', Action.Kind.BACKSPACE),
            Map.entry('p', Action.Kind.HISTORY_PREVIOUS),
            Map.entry('n', Action.Kind.HISTORY_NEXT),
            Map.entry('c', Action.Kind.INTERRUPT),
            Map.entry('d', Action.Kind.END_OF_INPUT),
            Map.entry('l', Action.Kind.REDRAW));

    private char pendingHigh;

    public Optional<Action> map(KeyStroke key) {
        if (key instanceof MouseAction mouse) {
            return switch (mouse.getActionType()) {
                case SCROLL_UP -> Optional.of(Action.of(Action.Kind.SCROLL_UP));
                case SCROLL_DOWN -> Optional.of(Action.of(Action.Kind.SCROLL_DOWN));
                default -> Optional.empty();
            };
        }
        if (key instanceof BracketedPaste.Mark mark) {
            return Optional.of(Action.of(mark.isStart() ? Action.Kind.PASTE_START : Action.Kind.PASTE_END));
        }
        if (key.isCtrlDown() && key.getKeyType() == KeyType.ArrowLeft) {
            return Optional.of(Action.of(Action.Kind.WORD_LEFT));
        }
        if (key.isCtrlDown() && key.getKeyType() == KeyType.ArrowRight) {
            return Optional.of(Action.of(Action.Kind.WORD_RIGHT));
        }
        if (key.isAltDown() && key.getKeyType() == KeyType.ArrowLeft) {
            return Optional.of(Action.of(Action.Kind.WINDOW_PREVIOUS));
        }
        if (key.isAltDown() && key.getKeyType() == KeyType.ArrowRight) {
            return Optional.of(Action.of(Action.Kind.WINDOW_NEXT));
        }
        if (key.getKeyType() != KeyType.Character) {
            pendingHigh = 0;
            return Optional.ofNullable(KEYS.get(key.getKeyType())).map(Action::of);
        }
        char c = key.getCharacter();
        if (key.isCtrlDown()) {
            return Optional.ofNullable(CONTROL.get(Character.toLowerCase(c))).map(Action::of);
        }
        if (key.isAltDown() && c >= '1' && c <= '9') {
            return Optional.of(new Action(Action.Kind.WINDOW, String.valueOf(c)));
        }
        if (key.isAltDown()) {
            return Optional.ofNullable(ALT.get(Character.toLowerCase(c))).map(Action::of);
        }
        return character(c);
    }

    private Optional<Action> character(char c) {
        if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
            return Optional.empty();
        }
        if (Character.isLowSurrogate(c)) {
            char high = pendingHigh;
            pendingHigh = 0;
            // A low surrogate without its partner is noise from the terminal: drop it rather than store half a pair.
            return high == 0 ? Optional.empty() : Optional.of(Action.insert(new String(new char[] {high, c})));
        }
        pendingHigh = 0;
        return Character.isISOControl(c) ? Optional.empty() : Optional.of(Action.insert(String.valueOf(c)));
    }
}
