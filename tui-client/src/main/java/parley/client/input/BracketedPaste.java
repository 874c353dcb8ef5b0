package parley.client.input;

import com.googlecode.lanterna.input.CharacterPattern;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/**
 * Bracketed paste (xterm's mode 2004): once asked with {@link #ENABLE}, the terminal wraps pasted text in
 * {@code ESC[200~ ... ESC[201~}, so a paste is told from typing by what the terminal says, never by how fast
 * the keys came. Lanterna 3.1.5 knows no such keys: this pattern turns the two markers into {@link Mark}
 * strokes. Added after Lanterna's own patterns, it wins for these sequences (the decoder keeps the last full
 * match), which Lanterna would otherwise read as an unknown function key.
 */
public final class BracketedPaste implements CharacterPattern {

    /** Sent to the terminal after entering the full screen. */
    public static final String ENABLE = "\u001b[?2004h";
    /** Sent before leaving it, so the shell gets plain pastes again. */
    public static final String DISABLE = "\u001b[?2004l";

    private static final String START = "\u001b[200~";
    private static final String END = "\u001b[201~";

    /** The start or the end of a paste. */
    public static final class Mark extends KeyStroke {
        private final boolean start;

        public Mark(boolean start) {
            super(KeyType.Unknown);
            this.start = start;
        }

        public boolean isStart() {
            return start;
        }
    }

    @Override
    public Matching match(List<Character> seq) {
        StringBuilder typed = new StringBuilder(seq.size());
        seq.forEach(typed::append);
        String s = typed.toString();
        if (s.equals(START) || s.equals(END)) {
            return new Matching(new Mark(s.equals(START)));
        }
        return START.startsWith(s) || END.startsWith(s) ? Matching.NOT_YET : null;
    }
}
