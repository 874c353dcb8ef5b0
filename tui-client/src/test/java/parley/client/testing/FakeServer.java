package parley.client.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import parley.protocol.ChatEvent;
import parley.protocol.HistoryBatch;
import parley.protocol.MachineFormat;
import parley.protocol.Member;
import parley.protocol.TextFormat;
import parley.protocol.TextSanitizer;
import parley.protocol.WireMode;

/**
 * A tiny loopback server for client tests: speaks just enough of the protocol. Each accepted connection gets a
 * text-mode line (which the client must skip), then, once the hello arrives, a machine welcome for the next
 * guest nick. Lines the client sends are collected; the test writes events and drops connections at will.
 */
public final class FakeServer implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-11-26T13:02:07Z");

    private final ServerSocket listener;
    /** How the current connection reads events: as its hello asked, PARLEY/1 or PARLEY/2 (with ids). */
    private volatile MachineFormat format = new MachineFormat(ZoneOffset.UTC);
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile Socket current;
    private volatile int guests;
    private volatile CountDownLatch welcomeGate = new CountDownLatch(0);
    private volatile String refusal;

    public FakeServer() throws IOException {
        this(null);
    }

    /** Over TLS with {@code tls}'s key and certificate, when it is not null. */
    public FakeServer(SSLContext tls) throws IOException {
        listener = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "fake-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The next line a client sent (after its hello), waiting up to 5 s; null if none came. */
    public String nextLine() throws InterruptedException {
        return received.poll(5, TimeUnit.SECONDS);
    }

    /** Waits for the next connection to be welcomed. */
    public Socket awaitConnection() throws InterruptedException {
        return accepted.poll(5, TimeUnit.SECONDS);
    }

    public void send(ChatEvent e) throws IOException {
        sendRaw(format.format(e));
    }

    /** Several events in one write, as a server's output buffer sends a burst (a /join's welcome, members, join). */
    public void sendBurst(ChatEvent... events) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (ChatEvent e : events) {
            lines.append(format.format(e)).append('\n');
        }
        OutputStream out = current.getOutputStream();
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A history frame, as a PARLEY/2 server frames a page. */
    public void send(HistoryBatch frame) throws IOException {
        sendRaw(format.format(frame));
    }

    public void sendRaw(String line) throws IOException {
        OutputStream out = current.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Later connections wait for {@link #releaseWelcome()} before they are welcomed. */
    public void holdWelcome() {
        welcomeGate = new CountDownLatch(1);
    }

    public void releaseWelcome() {
        welcomeGate.countDown();
    }

    /**
     * Later connections are refused as a full server refuses them (parley.server.Gatekeeper): at once, before any
     * welcome, with one text-mode error line saying {@code reason}, then closed.
     */
    public void refuseWith(String reason) {
        refusal = new TextFormat(ZoneOffset.UTC).format(new ChatEvent.Error("", T0, reason));
    }

    /** Drops the current connection, as a crashing server would. */
    public void dropConnection() throws IOException {
        current.close();
    }

    /** {@code nick} as every event of this fake server shows them. */
    public static Member member(String nick) {
        return new Member(nick, "127.0.0.1:5000");
    }

    public static ChatEvent.Welcome welcome(String room, String nick, String text) {
        return new ChatEvent.Welcome(room, T0, member(nick), text);
    }

    public static ChatEvent.Members members(String room, String... nicks) {
        return new ChatEvent.Members(room, T0, Arrays.stream(nicks).map(FakeServer::member).toList());
    }

    public static ChatEvent.Message message(String room, String nick, String text) {
        return new ChatEvent.Message(room, T0, member(nick), text, false);
    }

    /** A message with an id, as PARLEY/2 carries it. */
    public static ChatEvent.Message message(String room, String nick, String text, long id, boolean history) {
        return new ChatEvent.Message(room, T0, member(nick), text, history, id);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                open.add(s);
                if (listener.isClosed()) { // close() ran between accept and add: it missed this one
                    s.close();
                    return;
                }
                Thread t = new Thread(() -> serve(s), "fake-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            String refused = refusal;
            if (refused != null) {
                out.write((refused + "\n").getBytes(StandardCharsets.UTF_8));
                s.shutdownOutput();
                s.getInputStream().readNBytes(WireMode.MACHINE_V2_HELLO.length() + 1);    // closing unread input resets
                return;
            }
            out.write("[14:02:07] -- welcome to parley, guest; you are in #lobby.\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            Optional<WireMode> mode = WireMode.ofHello(String.valueOf(in.readLine()));
            if (mode.isEmpty()) {
                return;
            }
            format = new MachineFormat(ZoneOffset.UTC, mode.get());
            if (!welcomeGate.await(5, TimeUnit.SECONDS)) {
                return;
            }
            current = s;
            String nick = "guest" + (++guests);
            send(welcome("lobby", nick, "welcome to parley, " + nick));
            accepted.add(s);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                received.add(line);
                if (quits(line)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the test dropped it, or the client went away
        }
    }

    /** As parley.core.ChatCore reads a line: cleaned, stripped, the command word up to the first space. */
    private static boolean quits(String line) {
        String clean = TextSanitizer.clean(line).strip();
        int space = clean.indexOf(' ');
        return (space < 0 ? clean : clean.substring(0, space)).equalsIgnoreCase("/quit");
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) { // every connection, welcomed or not: a closed server leaves nobody connected
            s.close();
        }
    }
}
