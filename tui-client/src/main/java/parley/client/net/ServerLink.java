package parley.client.net;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import parley.core.Names;
import parley.protocol.ChatEvent;
import parley.protocol.Command;
import parley.protocol.HistoryBatch;
import parley.protocol.MachineFormat;
import parley.protocol.TextFormat;
import parley.protocol.TextSanitizer;
import parley.protocol.WireMode;

/**
 * The client's connection to a server, on threads of its own.
 *
 * <pre>
 *  reader thread: connect -> send hello -> skip text lines until WELCOME -> attach outbox -> read events
 *                   |  events, state changes                  ^ on loss: backoff, then connect again,
 *                   v                                         |   restoring nick and room
 *                 LinkListener (hands them to the UI queue)
 *  any thread:    send(line) -> Outbox (kept while disconnected) -> writer thread -> socket
 * </pre>
 *
 * The first connection failing is reported as {@link LinkState#FAILED} at once: a wrong address should not look
 * like a server that is down. After a session once worked, losses are retried with the {@link Backoff}. A server
 * that refuses a connection says why in a text line before closing it; that reason is what the person is shown.
 */
public final class ServerLink implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** Reads the refusal a server sends in text mode before it closes. */
    private static final TextFormat TEXT = new TextFormat(ZoneOffset.UTC);

    private final String host;
    private final int port;
    private final Backoff backoff;
    private final LinkListener listener;
    private final Dialer dialer;
    private final Outbox outbox = new Outbox();
    private final Object lock = new Object();
    private Socket socket;          // guarded by lock
    private boolean closed;         // guarded by lock
    private volatile boolean quitting;
    private volatile String wantedNick;
    /** {@code /identify NICK PASSWORD}, sent on every connection instead of {@code /nick}; null for none. */
    private volatile String identifyLine;
    private volatile String wantedRoom;
    /** Read and written on the reader thread only. */
    private final OwnNick own = new OwnNick();
    private final RoomLedger ledger = new RoomLedger();
    private final NickFallback fallback = new NickFallback();
    private Thread reader;
    private Thread writer;

    /** {@code nick} may be null to keep the guest name the server gives. */
    public ServerLink(String host, int port, String nick, Backoff backoff, LinkListener listener) {
        this(host, port, nick, backoff, Dialer.PLAIN, listener);
    }

    /** Over {@code dialer}: plain, or TLS ({@code --tls}). */
    public ServerLink(String host, int port, String nick, Backoff backoff, Dialer dialer, LinkListener listener) {
        this.dialer = dialer;
        this.host = host;
        this.port = port;
        this.wantedNick = nick;
        this.backoff = backoff;
        this.listener = listener;
    }

    public String address() {
        return host + ":" + port;
    }

    public void start() {
        reader = new Thread(this::run, "parley-link-reader");
        writer = new Thread(outbox::writeUntilClosed, "parley-link-writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
        writer.start();
        reader.start();
    }

    /**
     * Queues a line for the server and returns at once; returns whether it goes out now (false: kept until the
     * next connection). A line the server reads as {@code /quit} ({@link Command#isQuit}, so also
     * {@code " /quit"} or {@code "/quit\tbye"}) marks the end: when the server then closes, the link is CLOSED.
     */
    public boolean send(String line) {
        if (Command.isQuit(line)) {
            quitting = true;
        }
        return outbox.offer(line);
    }

    /**
     * Identifies as {@code nick} with {@code password} on this and every later connection, instead of asking for
     * the nick: after a reconnect a registered nick is taken back at once, not left to its grace period.
     */
    public void identifyOnEveryConnection(String nick, String password) {
        identifyLine = "/identify " + nick + " " + password;
    }

    /** Lines not yet written (kept while disconnected). */
    public int queued() {
        return outbox.size();
    }

    /** Gives queued lines (a /quit) up to {@code grace} to go out, then closes. */
    public void close(Duration grace) {
        try {
            outbox.awaitDrained(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        Socket s;
        synchronized (lock) {
            closed = true;
            s = socket;
            lock.notifyAll();
        }
        outbox.close();
        Outbox.closeQuietly(s);
    }

    /** Waits for the link's threads to end after {@link #close()}; for tidy tests. */
    public void join(Duration timeout) throws InterruptedException {
        if (reader != null) {
            reader.join(timeout.toMillis());
        }
        if (writer != null) {
            writer.join(timeout.toMillis());
        }
    }

    private void run() {
        boolean everWelcomed = false;
        int attempt = 0;
        while (!isClosed()) {
            listener.changed(LinkState.CONNECTING, attempt == 0 && !everWelcomed
                    ? "connecting to " + address() : "");
            String reason;
            boolean welcomed = false;
            try (Socket s = new Socket()) {
                if (!register(s)) {
                    break;
                }
                s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                s.setTcpNoDelay(true);
                welcomed = session(dialer.over(s, host, CONNECT_TIMEOUT_MILLIS));
                reason = "the server closed the connection";
            } catch (IOException e) {
                reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                outbox.detach();
                register(null);
            }
            everWelcomed |= welcomed;
            attempt = welcomed ? 1 : attempt + 1;
            if (isClosed() || (quitting && everWelcomed)) {
                listener.changed(LinkState.CLOSED, quitting ? "" : "disconnected");
                return;
            }
            if (!everWelcomed) {
                listener.changed(LinkState.FAILED, "cannot connect to " + address() + ": " + reason);
                return;
            }
            Optional<Duration> wait = backoff.delay(attempt);
            if (wait.isEmpty()) {
                listener.changed(LinkState.FAILED, "disconnected (" + reason + "); giving up after "
                        + (attempt - 1) + " attempts");
                return;
            }
            listener.changed(LinkState.RETRYING, "disconnected (" + reason + "); reconnecting in "
                    + describe(wait.get()) + keptNote());
            if (!pause(wait.get())) {
                break;
            }
        }
        listener.changed(LinkState.CLOSED, "");
    }

    /**
     * One connection: hello, welcome, restore (nick, room, catch-up), then events until EOF. Returns whether it
     * was welcomed. Lines held for a catch-up that never finished are handed on when it ends.
     */
    private boolean session(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((WireMode.MACHINE_V2_HELLO + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        ChatEvent.Welcome welcome = awaitWelcome(in);
        List<String> restore = restoreCommands(welcome);
        own.follow(welcome);
        if (wantedNick == null) {
            wantedNick = own.get();
        }
        int kept = outbox.attach(s, restore);
        listener.changed(LinkState.CONNECTED, "connected to " + address() + dialer.describe()
                + (kept > 0 ? "; sending " + kept + (kept == 1 ? " line" : " lines") + " typed while offline" : ""));
        listener.received(welcome);
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                read(line);
            }
        } finally {
            ledger.sessionEnded(listener);
        }
        return true;
    }

    private void read(String line) {
        ChatEvent e;
        try {
            Optional<HistoryBatch> frame = MachineFormat.parseBatch(line);
            if (frame.isPresent()) {
                ledger.frame(frame.get(), listener);
                return;
            }
            e = MachineFormat.parse(line);
        } catch (IllegalArgumentException notAnEvent) {
            return;     // a newer server's extra line, or noise: not ours to show
        }
        NickFallback.Outcome fell = fallback.read(e, own.get());
        fell.send().ifPresent(outbox::offer);
        track(fell.shown());
        if (e instanceof ChatEvent.Welcome w) {
            ledger.catchUp(w.room(), listener).ifPresent(outbox::offer);     // a /join into a room we have seen
        }
        ledger.event(fell.shown(), listener);
    }

    /**
     * The server sends text-mode lines before it reads our hello: skip everything up to the machine welcome. A
     * server that will not have us (full, too many connections from our address) sends one text-mode error line
     * instead, {@code [14:02:07] !! server full, try again later}, and closes: its reason becomes ours.
     */
    private static ChatEvent.Welcome awaitWelcome(BufferedReader in) throws IOException {
        String refusal = "";
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                try {
                    if (MachineFormat.parse(line) instanceof ChatEvent.Welcome w) {
                        return w;
                    }
                } catch (IllegalArgumentException textLine) {
                    refusal = textError(line).orElse(refusal);
                }
            }
        } catch (IOException e) {
            if (refusal.isEmpty()) {
                throw e;
            }
            // a reset after the refusal: the reason is still the refusal
        }
        throw new EOFException(refusal.isEmpty() ? "the server closed the connection before welcoming us" : refusal);
    }

    /** The words of a text-mode error line ({@code [14:02:07] !! words}), if {@code line} is one. */
    static Optional<String> textError(String line) {
        // The day and zone do not matter: only the words are kept.
        return TEXT.parse(line, LocalDate.EPOCH).filter(ChatEvent.Error.class::isInstance)
                .map(e -> TextSanitizer.clean(((ChatEvent.Error) e).text()).strip())    // shown in the pane, on stderr
                .filter(words -> !words.isEmpty());
    }

    /**
     * After a reconnect the server gives a guest nick and the default room: ask for ours back (a taken nick falls
     * back to {@code nick_}), then for what was said in our room while we were away.
     */
    private List<String> restoreCommands(ChatEvent.Welcome welcome) {
        List<String> out = new ArrayList<>(3);
        String nick = wantedNick;
        if (identifyLine != null) {
            out.add(identifyLine); // takes the registered nick, whoever holds it
        } else if (nick != null && !Names.key(nick).equals(Names.key(welcome.you().nick()))) {
            fallback.start(nick);
            out.add("/nick " + nick);
        }
        String room = wantedRoom;
        if (room != null && !Names.key(room).equals(Names.key(welcome.room()))) {
            out.add("/join " + room);   // its welcome starts the catch-up
        } else {
            ledger.catchUp(welcome.room(), listener).ifPresent(out::add);
        }
        return out;
    }

    /** Follows what the person did, so a reconnect restores where they are now (not a fallback nick). */
    private void track(ChatEvent e) {
        if (own.follow(e)) {
            if (!fallback.isFallback(own.get())) {
                wantedNick = own.get();
            }
            fallback.settled();
        } else if (e instanceof ChatEvent.Welcome w) {
            wantedRoom = w.room();  // a later welcome in a session answers a /join
        }
    }

    private String keptNote() {
        int kept = outbox.size();
        return kept == 0 ? "" : " (" + kept + (kept == 1 ? " line" : " lines") + " kept)";
    }

    private boolean register(Socket s) {
        synchronized (lock) {
            if (s != null && closed) {
                return false;
            }
            socket = s;
            return true;
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Waits out the backoff, returning early (false) when closed. */
    private boolean pause(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    private static String describe(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : (ms / 1000) + " s";
    }
}
