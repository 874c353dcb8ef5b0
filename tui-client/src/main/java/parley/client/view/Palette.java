package parley.client.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.List;
import parley.client.state.NickColours;
import parley.client.state.Span;

/**
 * Maps the meaning of text ({@link parley.client.state.Style}) to colours. Only the 16 ANSI colours are used:
 * every terminal has them, and the user's theme decides what they look like.
 */
final class Palette {

    /** One per {@link NickColours#COUNT}; no black or white, which vanish on one background or the other. */
    private static final List<TextColor> NICKS = List.of(
            TextColor.ANSI.RED, TextColor.ANSI.GREEN, TextColor.ANSI.YELLOW, TextColor.ANSI.BLUE,
            TextColor.ANSI.MAGENTA, TextColor.ANSI.CYAN, TextColor.ANSI.RED_BRIGHT, TextColor.ANSI.GREEN_BRIGHT,
            TextColor.ANSI.YELLOW_BRIGHT, TextColor.ANSI.BLUE_BRIGHT, TextColor.ANSI.MAGENTA_BRIGHT,
            TextColor.ANSI.CYAN_BRIGHT);

    static final Look PLAIN = Look.of(TextColor.ANSI.DEFAULT);
    static final Look STATUS = Look.of(TextColor.ANSI.WHITE_BRIGHT).on(TextColor.ANSI.BLUE);
    static final Look MARKER = Look.of(TextColor.ANSI.BLACK).on(TextColor.ANSI.YELLOW);
    static final Look PROMPT = Look.of(TextColor.ANSI.DEFAULT).with(SGR.BOLD);
    static final Look RULE = Look.of(TextColor.ANSI.BLACK_BRIGHT);
    /** An activity-bar entry that named you, or a private message. */
    static final Look HIGHLIGHT = Look.of(TextColor.ANSI.BLACK).on(TextColor.ANSI.YELLOW_BRIGHT).with(SGR.BOLD);
    static final Look QUESTION = Look.of(TextColor.ANSI.BLACK).on(TextColor.ANSI.YELLOW_BRIGHT).with(SGR.BOLD);

    private Palette() {
    }

    static Look of(Span span) {
        return switch (span.style()) {
            case TIME -> Look.of(TextColor.ANSI.DEFAULT);
            case ADDRESS -> Look.of(TextColor.ANSI.BLACK_BRIGHT);
            case HISTORY_TIME -> Look.of(TextColor.ANSI.BLACK_BRIGHT).with(SGR.ITALIC);
            case NICK -> Look.of(NICKS.get(Math.floorMod(span.colour(), NickColours.COUNT)));
            case OWN_NICK -> Look.of(TextColor.ANSI.DEFAULT).with(SGR.BOLD).with(SGR.REVERSE);
            case TEXT -> PLAIN;
            case OWN_TEXT -> Look.of(TextColor.ANSI.DEFAULT).with(SGR.BOLD);
            case MENTION -> Look.of(TextColor.ANSI.BLACK).on(TextColor.ANSI.YELLOW_BRIGHT).with(SGR.BOLD);
            case SYSTEM -> Look.of(TextColor.ANSI.CYAN);
            case ERROR -> Look.of(TextColor.ANSI.RED_BRIGHT).with(SGR.BOLD);
            case NOTE -> Look.of(TextColor.ANSI.GREEN);
            case DIVIDER -> Look.of(TextColor.ANSI.BLACK_BRIGHT).with(SGR.BOLD);
        };
    }
}
