package parley.client.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.client.net.LinkState;
import parley.client.state.ClientState;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

/**
 * What a redraw costs on the wire: the client on Lanterna's own ANSI terminal, keys typed into a pipe as a
 * terminal would send them, every byte the client writes counted. Over a slow link these bytes are the flicker.
 */
class RedrawCostTest {

    private static final TerminalSize SIZE = new TerminalSize(90, 24);

    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private FullScreenClient client;     // typed into through keyboard

    RedrawCostTest() throws IOException {
        client = open(SIZE, List.of(new Member("alice", "127.0.0.1:1")));
    }

    /** A client on a terminal of {@code size} in #lobby with {@code members}, its pane full of bob's lines. */
    private FullScreenClient open(TerminalSize size, List<Member> members) throws IOException {
        PipedInputStream keys = client == null ? new PipedInputStream(keyboard) : new PipedInputStream();
        ANSITerminal terminal = new ANSITerminal(keys, wire, StandardCharsets.UTF_8) {
            @Override
            protected TerminalSize findTerminalSize() {
                return size;    // a real one asks the terminal; this one has nobody to answer
            }
        };
        ClientState state = new ClientState(Harness.ZONE, "127.0.0.1:7000");
        FullScreenClient client = new FullScreenClient(new TerminalScreen(terminal), state,
                Clock.fixed(Harness.T0, Harness.ZONE), line -> true);
        client.start();
        client.changed(LinkState.CONNECTED, "");
        client.received(Harness.welcome("alice", 0));
        client.received(new ChatEvent.Members("lobby", Harness.T0, members));
        for (int i = 0; i < 30; i++) {      // more than a pane: the next line scrolls it
            client.received(Harness.says("bob", "line " + i + " of a conversation that fills the whole pane", 1));
        }
        client.step();
        return client;
    }

    /** Bytes written to the terminal by one round of the loop after {@code before} ran. */
    private int bytesFor(IORunnable before) throws IOException {
        return bytesFor(client, before);
    }

    private int bytesFor(FullScreenClient c, IORunnable before) throws IOException {
        wire.reset();
        before.run();
        c.step();
        return wire.size();
    }

    @Test
    void oneTypedCharacterCostsUnderAHundredBytes() throws IOException {
        int first = bytesFor(() -> keyboard.write('h'));
        int second = bytesFor(() -> keyboard.write('i'));

        assertThat(client.state().input().text()).isEqualTo("hi");
        assertThat(first).as("bytes for one key").isLessThan(100);
        assertThat(second).as("bytes for the next key").isLessThan(100);
    }

    @Test
    void oneIncomingMessageCostsAboutOneLine() throws IOException {
        String text = "a new line arrives";
        int bytes = bytesFor(() -> client.received(Harness.says("carol", text, 2)));

        String shown = "14:04:00 127.0.0.1:2 <carol> " + text;
        // Cells the scroll left blank are skipped, so the spaces between words are cursor moves.
        assertThat(wire.toString(StandardCharsets.UTF_8)).contains("<carol>", "arrives");
        // The line itself, its colours and cursor moves, the scroll: nowhere near the 2,000 cells of the screen.
        assertThat(bytes).as("bytes for one message").isLessThan(shown.length() + 120);
    }

    @Test
    void withTheNickListShownAMessageCostsItsLineAndTheNamesTheScrollMoved() throws IOException {
        List<String> nicks = List.of("alice", "bob", "carol");
        FullScreenClient wide = open(new TerminalSize(130, 24),
                nicks.stream().map(n -> new Member(n, "127.0.0.1:1")).toList());
        String text = "a new line arrives";
        int bytes = bytesFor(wide, () -> wide.received(Harness.says("carol", text, 2)));

        String shown = "14:04:00 127.0.0.1:2 <carol> " + text;
        // The terminal scrolls whole rows, the list's too: its names are written back, each with a cursor move
        // and its colour, as is the rule on the row the scroll opened.
        int names = nicks.stream().mapToInt(n -> n.length() + 24).sum();    // measured: 238 bytes in all
        assertThat(bytes).as("bytes for one message beside a nick list").isLessThan(shown.length() + 120 + names);
    }

    @Test
    void ctrlLStillRepaintsEverything() throws IOException {
        int bytes = bytesFor(() -> keyboard.write(12));     // Ctrl-L

        assertThat(bytes).isGreaterThan(SIZE.getColumns() * (SIZE.getRows() - 2));
    }

    @FunctionalInterface
    private interface IORunnable {
        void run() throws IOException;
    }
}
