package parley.client.input;

/**
 * What a key asks for, free of how it was typed: the UI applies actions to the state.
 *
 * @param kind what to do
 * @param text for {@link Kind#INSERT}, the text typed (a whole code point, never half a surrogate pair)
 */
public record Action(Kind kind, String text) {

    /** Every thing a key can do. */
    public enum Kind {
        INSERT, LEFT, RIGHT, WORD_LEFT, WORD_RIGHT, HOME, END, BACKSPACE, DELETE, KILL_TO_END, KILL_TO_START, DELETE_WORD, YANK,
        HISTORY_PREVIOUS, HISTORY_NEXT, COMPLETE, SUBMIT, PAGE_UP, PAGE_DOWN, SCROLL_UP, SCROLL_DOWN,
        /** Ctrl-C: leave now. */
        INTERRUPT,
        /** Ctrl-D: leave on an empty line, else delete forward (as in a shell). */
        END_OF_INPUT,
        REDRAW,
        CANCEL,
        /** F2: show or hide senders' addresses. */
        TOGGLE_ADDRESSES,
        /** F3: show or hide the nick list. */
        TOGGLE_NICK_LIST,
        /** Alt-1..9: the window whose number is {@code text}. */
        WINDOW,
        /** Alt-Left, Alt-Right: the window before or after. */
        WINDOW_PREVIOUS, WINDOW_NEXT,
        /** The terminal says a paste starts: what follows is text, line breaks included, until PASTE_END. */
        PASTE_START,
        PASTE_END
    }

    public static Action of(Kind kind) {
        return new Action(kind, "");
    }

    public static Action insert(String text) {
        return new Action(Kind.INSERT, text);
    }
}
