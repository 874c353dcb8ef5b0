package parley.client.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.EnumSet;

/** How a run of text is drawn: colours and attributes. */
record Look(TextColor foreground, TextColor background, EnumSet<SGR> attributes) {

    static Look of(TextColor foreground) {
        return new Look(foreground, TextColor.ANSI.DEFAULT, EnumSet.noneOf(SGR.class));
    }

    Look with(SGR attribute) {
        EnumSet<SGR> more = attributes.isEmpty() ? EnumSet.noneOf(SGR.class) : EnumSet.copyOf(attributes);
        more.add(attribute);
        return new Look(foreground, background, more);
    }

    Look on(TextColor newBackground) {
        return new Look(foreground, newBackground, attributes);
    }
}
