package parley.client.state;

/**
 * A run of text in one style on one screen row.
 *
 * @param text   the graphemes of this run
 * @param style  what the text is
 * @param colour for {@link Style#NICK}, the nick's colour index (see {@link NickColours}); otherwise -1
 */
public record Span(String text, Style style, int colour) {

    public static Span of(String text, Style style) {
        return new Span(text, style, -1);
    }
}
