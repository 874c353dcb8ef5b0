package parley.client.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import parley.client.input.BracketedPaste;
import parley.client.net.LinkState;
import parley.client.state.ClientState;
import parley.client.state.EntryFormat;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

/**
 * The full-screen client on a virtual terminal, with no sockets: events are fed straight in, keys injected, and
 * the screen read back as text. Times render in Europe/Berlin (UTC+1 in November).
 */
final class Harness {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Instant T0 = Instant.parse("2026-11-26T13:02:00Z");   // 14:02 in Berlin

    final DefaultVirtualTerminal terminal;
    final FullScreenClient client;
    final List<String> sent = new ArrayList<>();
    int bells;

    /** Times as HH:mm, as these tests were first written; {@link #withDefaults} shows the default look. */
    Harness(int columns, int rows) {
        this(columns, rows, "HH:mm");
    }

    /** The client as a person gets it without options: seconds, and addresses where the pane is wide enough. */
    static Harness withDefaults(int columns, int rows) {
        return new Harness(columns, rows, EntryFormat.DEFAULT_TIME_FORMAT);
    }

    private Harness(int columns, int rows, String timeFormat) {
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        terminal.addVirtualTerminalListener(new com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener() {
            @Override
            public void onFlush() {
            }

            @Override
            public void onBell() {
                bells++;
            }

            @Override
            public void onClose() {
            }

            @Override
            public void onResized(com.googlecode.lanterna.terminal.Terminal t, TerminalSize size) {
            }
        });
        try {
            ClientState state = new ClientState(new EntryFormat(ZONE, timeFormat), ZONE, "127.0.0.1:7000");
            client = new FullScreenClient(new TerminalScreen(terminal), state, Clock.fixed(T0, ZONE), line -> {
                sent.add(line);
                return true;
            });
            client.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connected as {@code nick} in #lobby with the given other members. */
    Harness connectedAs(String nick, String... others) {
        client.changed(LinkState.CONNECTED, "");
        client.received(welcome(nick, 0));
        List<Member> members = new ArrayList<>(List.of(new Member(nick, "127.0.0.1:1")));
        for (String o : others) {
            members.add(new Member(o, "127.0.0.1:2"));
        }
        client.received(new ChatEvent.Members("lobby", T0, members));
        return step();
    }

    static Instant minutes(int minutesLater) {
        return T0.plusSeconds(60L * minutesLater);
    }

    static Member member(String nick) {
        return new Member(nick, "127.0.0.1:2");
    }

    static ChatEvent.Welcome welcome(String nick, int minutesLater) {
        return new ChatEvent.Welcome("lobby", minutes(minutesLater), member(nick), "welcome, " + nick);
    }

    static ChatEvent.Message says(String nick, String text, int minutesLater) {
        return new ChatEvent.Message("lobby", minutes(minutesLater), member(nick), text, false);
    }

    Harness receive(ChatEvent e) {
        client.received(e);
        return this;
    }

    /** Types text as a terminal reports it: one stroke per UTF-16 unit, Enter for a line break. */
    Harness type(String text) {
        for (char c : text.toCharArray()) {
            terminal.addInput(c == '\n' ? new KeyStroke(KeyType.Enter) : new KeyStroke(c, false, false));
        }
        return this;
    }

    /** Pastes text as a terminal in bracketed-paste mode sends it: between the two markers. */
    Harness paste(String text) {
        terminal.addInput(new BracketedPaste.Mark(true));
        type(text);
        terminal.addInput(new BracketedPaste.Mark(false));
        return this;
    }

    Harness key(KeyType type) {
        terminal.addInput(new KeyStroke(type));
        return this;
    }

    Harness ctrl(char c) {
        terminal.addInput(new KeyStroke(c, true, false));
        return this;
    }

    Harness step() {
        try {
            client.step();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Harness resize(int columns, int rows) {
        terminal.setTerminalSize(new TerminalSize(columns, rows));
        return step();
    }

    /** The screen as text, one string per row, trailing spaces cut; a wide character appears once. */
    List<String> picture() {
        TerminalSize size = terminal.getTerminalSize();
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) {
                TextCharacter ch = terminal.getCharacter(c, r);
                row.append(ch.getCharacterString());
                if (ch.isDoubleWidth()) {
                    c++;
                }
            }
            rows.add(row.toString().stripTrailing());
        }
        return rows;
    }

    String row(int r) {
        return picture().get(r);
    }

    TextCharacter cell(int column, int row) {
        return terminal.getCharacter(column, row);
    }

    TerminalPosition cursor() {
        return terminal.getCursorPosition();
    }

    String dump() {
        return String.join("\n", picture());
    }
}
