package parley.client.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import parley.client.input.BracketedPaste;

/**
 * Lanterna's Unix terminal, except that on a UTF-8 terminal every character reaches it whole, emoji included.
 *
 * <p>Lanterna 3.1.5 keeps a screen cell as a string (a whole grapheme, {@code TextCharacter.fromString}), knows
 * an emoji takes two columns, and {@code TerminalScreen} hands the whole string to {@code putString}. But
 * {@code StreamBasedTerminal.putString} then encodes it one UTF-16 unit at a time
 * ({@code charset.encode(Character.toString(c))}): each half of a surrogate pair is malformed on its own and
 * goes out as "?", so a terminal shows "🎉" as "??". (The same per-unit encoding returns the encoder's whole
 * buffer, so every two-byte character is followed by a NUL: "é" goes out as {@code c3 a9 00}.)
 *
 * <p>Here a UTF-8 terminal gets each string encoded in one go, with the control characters Lanterna would drop
 * dropped the same way. Any other charset keeps Lanterna's own path, which also translates line-drawing
 * symbols to VT100 for terminals that cannot show them; there an emoji stays "??", the two columns Lanterna
 * counted, and the view draws a stand-in instead ({@link #writesAstral}).
 */
public final class WholeCharacterTerminal extends UnixTerminal {

    private final boolean utf8;

    /** Takes over the terminal (stty) as {@link UnixTerminal} does. */
    public WholeCharacterTerminal(InputStream input, OutputStream output, Charset charset, CtrlCBehaviour ctrlC)
            throws IOException {
        super(input, output, charset, ctrlC);
        this.utf8 = StandardCharsets.UTF_8.equals(getCharset());
        getInputDecoder().addProfile(() -> List.of(new BracketedPaste()));
    }

    /** Asks the terminal to mark pastes ({@link BracketedPaste}), or to stop. */
    public void bracketedPaste(boolean on) throws IOException {
        writeToTerminal((on ? BracketedPaste.ENABLE : BracketedPaste.DISABLE).getBytes(StandardCharsets.US_ASCII));
        flush();
    }

    /** Whether characters beyond the BMP (emoji) reach the terminal intact: true when it speaks UTF-8. */
    public boolean writesAstral() {
        return utf8;
    }

    @Override
    public void putString(String string) throws IOException {
        if (utf8) {
            writeToTerminal(utf8Printable(string));
        } else {
            super.putString(string);
        }
    }

    @Override
    public void putCharacter(char c) throws IOException {
        if (utf8) {
            writeToTerminal(utf8Printable(String.valueOf(c)));
        } else {
            super.putCharacter(c);
        }
    }

    /**
     * {@code text} in UTF-8 without the characters Lanterna keeps off the terminal (controls other than tab,
     * newline and backspace). A surrogate pair becomes one four-byte character; a lone surrogate becomes "?", as
     * in Lanterna.
     */
    static byte[] utf8Printable(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (TerminalTextUtils.isPrintableCharacter(c)) {
                kept.append(c);
            }
        }
        return kept.toString().getBytes(StandardCharsets.UTF_8);
    }
}
