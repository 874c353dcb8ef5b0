package parley.client.plain;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import parley.client.log.ConversationLog;
import parley.client.log.LoggingListener;
import parley.client.net.Backoff;
import parley.client.net.LinkListener;
import parley.client.net.LinkState;
import parley.client.net.OwnNick;
import parley.client.net.Dialer;
import parley.client.net.ServerLink;
import parley.client.state.EntryFormat;
import parley.protocol.ChatEvent;

/**
 * The line-mode client: one line per event, read top to bottom, for terminals that cannot (or people who would
 * rather not) use the full screen, and for screen readers.
 *
 * <pre>
 *  console thread: readLine -> ServerLink.send      (end of input or Ctrl-C -> /quit)
 *  link thread:    event -> EntryFormat -> console.print (above the prompt)
 *  caller:         waits for the link to end -> exit code
 * </pre>
 */
public final class PlainClient {

    private static final Duration QUIT_GRACE = Duration.ofSeconds(1);

    private final LineConsole console;
    private final EntryFormat format;
    private final ServerLink link;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    /** Followed on the link's thread, the only one that reads it. */
    private final OwnNick own = new OwnNick();
    private volatile LinkState state = LinkState.CONNECTING;

    public PlainClient(String host, int port, String nick, Backoff backoff, Clock clock, LineConsole console) {
        this(host, port, nick, backoff, Dialer.PLAIN, clock, console, null);
    }

    /** {@code logs}: where conversations are logged too; null for nowhere. */
    public PlainClient(String host, int port, String nick, Backoff backoff, Dialer dialer, Clock clock,
                       LineConsole console, ConversationLog logs) {
        this.console = console;
        this.format = new EntryFormat(clock.getZone());
        this.link = new ServerLink(host, port, nick, backoff, dialer,
                logs == null ? new Printer() : new LoggingListener(new Printer(), logs));
    }

    /** Identifies as {@code nick} on every connection: see {@link ServerLink#identifyOnEveryConnection}. */
    public void identifyOnEveryConnection(String nick, String password) {
        link.identifyOnEveryConnection(nick, password);
    }

    /** Runs until the person quits (0) or the server cannot be reached (1). */
    public int run() throws IOException {
        link.start();
        Thread input = new Thread(this::readInput, "parley-plain-input");
        input.setDaemon(true);   // a read blocked on stdin must not keep the process alive
        input.start();
        int code = exit.join();
        link.close(QUIT_GRACE);
        console.close();
        return code;
    }

    private void readInput() {
        try {
            for (String line = console.readLine(); line != null; line = console.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (!link.send(line)) {
                    console.print("-- not connected: kept, sent when reconnected");
                }
            }
        } catch (IOException e) {
            console.print("!! cannot read input: " + e.getMessage());
        }
        endOfInput();
    }

    /** Input is over: leave politely, or at once if there is nobody to say goodbye to. */
    private void endOfInput() {
        if (state == LinkState.RETRYING) {
            int kept = link.queued();
            if (kept > 0) {
                console.print("-- not sent (offline): " + kept + (kept == 1 ? " line" : " lines"));
            }
            exit.complete(0);
        } else {
            link.send("/quit");
        }
    }

    private final class Printer implements LinkListener {
        @Override
        public void received(ChatEvent e) {
            own.follow(e);
            console.print(format.fromEvent(e, own.get()).plainText());
        }

        @Override
        public void changed(LinkState newState, String detail) {
            state = newState;
            if (!detail.isEmpty()) {
                console.print((newState == LinkState.FAILED ? "!! " : "-- ") + detail);
            }
            if (newState == LinkState.CLOSED) {
                exit.complete(0);
            } else if (newState == LinkState.FAILED) {
                exit.complete(1);
            }
        }
    }
}
