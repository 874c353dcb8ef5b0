package parley.client.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.time.ZoneOffset;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import parley.client.state.ClientState;
import parley.client.state.Graphemes;

/**
 * A cell is made once per grapheme and look and drawn again and again: a refresh of an unchanged screen makes no
 * new cells, and a cached cell is the one {@link Glyphs} would have made.
 */
class CellsTest {

    @Test
    void theSameGraphemeInTheSameLookIsOneCell() {
        Cells cells = new Cells(true);
        TextCharacter e = cells.of("e", 1, Palette.PLAIN);
        assertThat(cells.of("e", 1, Look.of(TextColor.ANSI.DEFAULT))).isSameAs(e);    // an equal look, made anew
        TextCharacter status = cells.of("e", 1, Palette.STATUS);
        assertThat(status).isNotSameAs(e);
        assertThat(status.getBackgroundColor()).isEqualTo(TextColor.ANSI.BLUE);
        assertThat(cells.of("f", 1, Palette.PLAIN).getCharacterString()).isEqualTo("f");
    }

    @Test
    void aCachedCellIsTheOneGlyphsMakesForThatTerminal() {
        for (boolean astral : new boolean[] {true, false}) {
            Cells cells = new Cells(astral);
            for (String g : new String[] {"你", "e\u0301", "🙂", "☕", " "}) {
                int width = Graphemes.width(g);
                TextCharacter expected = Glyphs.cell(g, width, Palette.PLAIN, astral);
                assertThat(cells.of(g, width, Palette.PLAIN)).as(g + " astral " + astral).isEqualTo(expected);
                assertThat(cells.of(g, width, Palette.PLAIN)).isEqualTo(expected);   // and again, from the cache
            }
        }
    }

    @Test
    void moreGraphemesThanItKeepsStillDrawRight() {
        Cells cells = new Cells(true);
        for (int cp = 0x4E00; cp < 0x4E00 + 10_000; cp++) {
            String g = Character.toString(cp);
            assertThat(cells.of(g, 2, Palette.PLAIN).getCharacterString()).isEqualTo(g);
        }
    }

    @Test
    void drawingAnUnchangedScreenAgainPutsTheSameCellsInIt() throws Exception {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(100, 30));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        try {
            ClientState state = new ClientState(ZoneOffset.UTC, "127.0.0.1:7000");
            ChatView view = new ChatView(true);
            ChatView.Layout layout = ChatView.Layout.of(screen.getTerminalSize());
            state.scroll().resize(view.paneColumns(state, layout), layout.paneRows());

            view.draw(screen, state, layout);
            Map<TextCharacter, Boolean> first = new IdentityHashMap<>();
            for (int row = 0; row < 30; row++) {
                for (int col = 0; col < 100; col++) {
                    first.put(screen.getBackCharacter(new TerminalPosition(col, row)), true);
                }
            }
            view.draw(screen, state, layout);
            for (int row = 0; row < 30; row++) {
                for (int col = 0; col < 100; col++) {
                    assertThat(first).as("cell %d,%d made anew", col, row)
                            .containsKey(screen.getBackCharacter(new TerminalPosition(col, row)));
                }
            }
            // A handful of cells, not one per position: the blanks of each look and the few letters drawn.
            assertThat(first.size()).isLessThan(100);
        } finally {
            screen.stopScreen();
        }
    }
}
