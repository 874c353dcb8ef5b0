package parley.client;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.MouseCaptureMode;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import parley.client.log.ConversationLog;
import parley.client.log.LoggingListener;
import parley.client.net.Backoff;
import parley.client.net.Dialer;
import parley.client.net.ServerLink;
import parley.client.plain.JLineConsole;
import parley.client.plain.LineConsole;
import parley.client.plain.PlainClient;
import parley.client.plain.StreamConsole;
import parley.client.state.ClientState;
import parley.client.state.EntryFormat;
import parley.client.tui.FullScreenClient;
import parley.client.tui.WholeCharacterTerminal;
import parley.protocol.ChatEvent;

/**
 * The client as the launcher sees it: where to connect, as whom, and which face to show. Exit codes: 0 after a
 * normal quit, 1 when the server could not be reached or the client failed.
 */
public final class ClientApp {

    private static final Duration QUIT_GRACE = Duration.ofMillis(500);

    private final String host;
    private final int port;
    private final String nick;
    private final Clock clock;
    private final Backoff backoff;
    private final String timeFormat;
    /** The nick's password (from a file or PARLEY_PASSWORD, never the command line); null for none. */
    private final String password;
    /** Plain, or TLS: {@link #over}. */
    private Dialer dialer = Dialer.PLAIN;
    /** Where conversations are logged; null: not at all. */
    private final Path logDir;

    public ClientApp(String host, int port, String nickOrNull, Clock clock) {
        this(host, port, nickOrNull, clock, EntryFormat.DEFAULT_TIME_FORMAT);
    }

    /** {@code timeFormat}: a {@link java.time.format.DateTimeFormatter} pattern (check it with EntryFormat). */
    public ClientApp(String host, int port, String nickOrNull, Clock clock, String timeFormat) {
        this(host, port, nickOrNull, clock, Backoff.standard(), timeFormat);
    }

    ClientApp(String host, int port, String nickOrNull, Clock clock, Backoff backoff) {
        this(host, port, nickOrNull, clock, backoff, EntryFormat.DEFAULT_TIME_FORMAT);
    }

    private ClientApp(String host, int port, String nickOrNull, Clock clock, Backoff backoff, String timeFormat) {
        this(host, port, nickOrNull, clock, backoff, timeFormat, null, null);
    }

    private ClientApp(String host, int port, String nickOrNull, Clock clock, Backoff backoff, String timeFormat,
                      String password, Path logDir) {
        this.logDir = logDir;
        this.host = host;
        this.port = port;
        this.nick = nickOrNull;
        this.clock = clock;
        this.backoff = backoff;
        this.timeFormat = timeFormat;
        this.password = password;
    }

    /**
     * The same client, identifying as its nick with {@code password} once connected: it sends
     * {@code /identify NICK PASSWORD}, which takes the registered nick from whoever holds it, instead of
     * {@code /nick NICK}.
     */
    public ClientApp withPassword(String password) {
        if (nick == null) {
            throw new IllegalArgumentException("a password needs a nick");
        }
        return new ClientApp(host, port, nick, clock, backoff, timeFormat, password, logDir).over(dialer);
    }

    /** The nick the link asks for itself: none when the identify line takes it. */
    private String linkNick() {
        return password == null ? nick : null;
    }

    /** Set before the first connection, so that every connection identifies first. */
    private void identify(java.util.function.BiConsumer<String, String> link) {
        if (password != null) {
            link.accept(nick, password);
        }
    }

    /** Talks over {@code value} (TLS for {@code --tls}) rather than the plain socket; returns this app. */
    public ClientApp over(Dialer value) {
        this.dialer = value;
        return this;
    }

    /** The same client, logging every conversation under {@code dir} (see {@link ConversationLog}); null: none. */
    public ClientApp loggingTo(Path dir) {
        return new ClientApp(host, port, nick, clock, backoff, timeFormat, password, dir).over(dialer);
    }

    /** Whether a person is at a terminal (standard input and output are both a console). */
    public static boolean interactiveTerminal() {
        return System.console() != null;
    }

    /** The full-screen client; without a terminal it falls back to line mode. */
    public int runFullScreen() throws IOException {
        if (!interactiveTerminal()) {
            System.err.println("parley: not a terminal; using line mode");
            return runPlain();
        }
        Terminal terminal = openTerminal();
        try {
            return runOn(new TerminalScreen(terminal));
        } finally {
            terminal.close();
        }
    }

    /**
     * The terminal we run in, as Lanterna's {@link DefaultTerminalFactory} would open it (a text terminal on
     * System.in/out in the default charset), but on Unix one that writes emoji whole ({@link WholeCharacterTerminal}).
     */
    private static Terminal openTerminal() throws IOException {
        // Ctrl-C arrives as a key, so the client can leave politely and restore the terminal itself.
        UnixLikeTerminal.CtrlCBehaviour ctrlC = UnixLikeTerminal.CtrlCBehaviour.TRAP;
        // Reported clicks include the wheel; hold Shift to select text with the mouse.
        MouseCaptureMode mouse = MouseCaptureMode.CLICK_RELEASE;
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return new DefaultTerminalFactory().setForceTextTerminal(true)
                    .setUnixTerminalCtrlCBehaviour(ctrlC).setMouseCaptureMode(mouse).createTerminal();
        }
        WholeCharacterTerminal terminal = new WholeCharacterTerminal(System.in, System.out, Charset.defaultCharset(),
                ctrlC);
        terminal.setMouseCaptureMode(mouse);
        return terminal;
    }

    /** The line-mode client: JLine at a terminal, plain streams otherwise. */
    public int runPlain() throws IOException {
        LineConsole console = interactiveTerminal() ? new JLineConsole()
                : new StreamConsole(System.in, System.out);
        ConversationLog logs = openLogs(why -> console.print("!! " + why));
        try {
            PlainClient plain = new PlainClient(host, port, linkNick(), backoff, dialer, clock, console, logs);
            identify(plain::identifyOnEveryConnection);
            return plain.run();
        } finally {
            closeQuietly(logs);
        }
    }

    /** Runs the full-screen client on any screen (a virtual one in tests). */
    int runOn(TerminalScreen screen) throws IOException {
        ClientState state = new ClientState(new EntryFormat(clock.getZone(), timeFormat), clock.getZone(),
                host + ":" + port);
        ServerLink[] link = new ServerLink[1];
        FullScreenClient client = new FullScreenClient(screen, state, clock, line -> link[0].send(line));
        // The log's warning comes from its writer thread; the client only queues it for the UI thread.
        ConversationLog logs = openLogs(why -> client.received(new ChatEvent.Error("", clock.instant(), why)));
        link[0] = new ServerLink(host, port, linkNick(), backoff, dialer,
                logs == null ? client : new LoggingListener(client, logs));
        identify(link[0]::identifyOnEveryConnection);
        link[0].start();
        int code;
        try {
            code = client.run();
        } catch (RuntimeException e) {
            System.err.println("parley: " + e);
            code = 1;
        } finally {
            link[0].close(QUIT_GRACE);
            closeQuietly(logs);
        }
        if (!client.failure().isEmpty()) {
            System.err.println("parley: " + client.failure());
        }
        return code;
    }

    private ConversationLog openLogs(Consumer<String> warn) {
        return logDir == null ? null
                : new ConversationLog(logDir, ConversationLog.serverDirectory(host, port), clock.getZone(), warn);
    }

    private static void closeQuietly(ConversationLog logs) {
        if (logs != null) {
            logs.close();
        }
    }
}
