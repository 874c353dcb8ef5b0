package parley.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Simulated people for {@code parley demo --bots N}: each connects over a real socket (so it shows with a
 * real address), picks a nick, and says something every few seconds, in several languages, so the first
 * screen a newcomer sees is alive. A bot answers when someone mentions its nick.
 */
final class DemoBots implements AutoCloseable {

    private static final String[] NICKS = {"ada", "linus", "grace", "小明", "kenji", "margaret", "dennis", "barbara"};
    private static final String[] LINES = {
        "anyone tried the threaded backend on Java 25? virtual threads make it cheap",
        "你好！这里有人用中文聊天吗？",
        "the selector backend keeps every connection in one loop, no thread each",
        "PgUp scrolls back, End jumps to the newest message",
        "/me makes tea 🍵",
        "try /join rust, or /rooms to see where people are",
        "Tab completes nicks: type the first letters and press Tab",
        "wide characters line up: 漢字 and emoji 🎉 take two columns",
        "¿alguien habla español? también funciona",
        "a slow reader cannot stall the room: the server drops it past 1 MiB queued",
        "nc works too: nc localhost 7777",
        "/who shows everyone's ip:port",
    };

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-bots");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new ArrayList<>();
    private final Random random;

    DemoBots(long seed) {
        this.random = new Random(seed);
    }

    /** Connects {@code count} bots to {@code server}; they chat until {@link #close()}. */
    void start(InetSocketAddress server, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String nick = NICKS[i % NICKS.length] + (i < NICKS.length ? "" : String.valueOf(i / NICKS.length));
            Socket socket = new Socket();
            socket.connect(server, 5000);
            sockets.add(socket);
            OutputStream out = socket.getOutputStream();
            send(out, "/nick " + nick);
            listen(socket, nick, out);
            long firstDelay = 500 + random.nextInt(2500);
            timer.schedule(() -> chatter(out, socket), firstDelay, TimeUnit.MILLISECONDS);
        }
    }

    private void chatter(OutputStream out, Socket socket) {
        if (socket.isClosed()) {
            return;
        }
        send(out, LINES[random.nextInt(LINES.length)]);
        timer.schedule(() -> chatter(out, socket), 4000 + random.nextInt(8000), TimeUnit.MILLISECONDS);
    }

    /** Reads everything (a bot that did not read would be closed as a slow consumer) and answers mentions. */
    private void listen(Socket socket, String nick, OutputStream out) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (mentions(line, nick)) {
                        timer.schedule(() -> send(out, "hi! I'm a demo bot; try /msg " + nick + " or /help"),
                                800, TimeUnit.MILLISECONDS);
                    }
                }
            } catch (IOException e) {
                // the demo is ending
            }
        }, "demo-bot-" + nick);
        reader.setDaemon(true);
        reader.start();
    }

    /** A live message from someone else that names {@code nick}. */
    private static boolean mentions(String line, String nick) {
        int text = line.indexOf("> ");
        return text > 0 && !line.contains("(history)") && !line.contains("<" + nick + "@")
                && line.substring(text).contains(nick);
    }

    private static void send(OutputStream out, String line) {
        try {
            synchronized (out) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the server went away; the demo is ending
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
