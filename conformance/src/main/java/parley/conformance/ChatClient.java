package parley.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client over a real socket, like a person with {@code nc}: it writes lines and a thread of its own
 * collects every line the server sends, so a test can wait for the one it expects.
 */
public final class ChatClient implements AutoCloseable {

    /** How long any expected line may take. Generous: the machine may be busy; a pass is usually instant. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Socket socket;
    /**
     * Taken once, while connected: a closed socket answers {@code 0.0.0.0} for its local address, and the reader
     * closes it as soon as the server hangs up, so asking the socket later would race with the server.
     */
    private final String address;
    private final OutputStream out;
    private final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final CountDownLatch eof = new CountDownLatch(1);
    private final Thread reader;

    private ChatClient(Socket socket) throws IOException {
        this.socket = socket;
        this.address = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        this.out = socket.getOutputStream();
        this.reader = new Thread(this::readLoop, "test-client-" + socket.getLocalPort());
        reader.setDaemon(true);
    }

    public static ChatClient connect(InetSocketAddress server) throws IOException {
        return connectFrom(server, null);
    }

    /**
     * A client that stops reading: its receive buffer is {@code receiveBufferBytes} (set before connecting,
     * so the window the server sees is that small too) and it reads nothing until {@link #startReading()}, so
     * what the server sends it piles up, first in the kernel, then in the server's queue, and the server's
     * writes to it come back partial.
     */
    public static ChatClient connectNotReading(InetSocketAddress server, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.setTcpNoDelay(true);
        socket.connect(server, (int) PATIENCE.toMillis());
        return new ChatClient(socket);
    }

    /** Starts collecting what the server sends (at once for every client but a {@link #connectNotReading} one). */
    public void startReading() {
        reader.start();
    }

    /**
     * Connects from a given local address, e.g. 127.0.0.2: on Linux every 127.x.y.z is loopback, so a test
     * can be several "addresses" at once.
     */
    public static ChatClient connectFrom(InetSocketAddress server, java.net.InetAddress local) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        if (local != null) {
            socket.bind(new InetSocketAddress(local, 0));
        }
        socket.connect(server, (int) PATIENCE.toMillis());
        ChatClient client = new ChatClient(socket);
        client.startReading();
        return client;
    }

    /** A client on a socket connected by the caller (e.g. a TLS one); it starts reading if {@code reading}. */
    public static ChatClient over(Socket connected, boolean reading) throws IOException {
        ChatClient client = new ChatClient(connected);
        if (reading) {
            client.startReading();
        }
        return client;
    }

    /** This client's address as the server shows it: {@code 127.0.0.1:PORT}, the same after the connection ends. */
    public String address() {
        return address;
    }

    public void send(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Waits for the next line matching {@code wanted}; lines before it are kept in {@link #seen()}. */
    public String await(Predicate<String> wanted, String description) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            while (true) {
                String line = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no line " + description + " within " + PATIENCE + "; saw " + tail());
                }
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + description, e);
        }
    }

    public String awaitContaining(String fragment) {
        return await(line -> line.contains(fragment), "containing '" + fragment + "'");
    }

    /** Every line consumed by {@link #await} so far, in arrival order. */
    public List<String> seen() {
        return seen;
    }

    /** Waits until the server closes the connection. */
    public void awaitClosedByServer() {
        try {
            if (!eof.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server did not close the connection; saw " + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until the server closes the connection; returns every line this client got, in order. */
    public List<String> readToEnd() {
        awaitClosedByServer();
        incoming.drainTo(seen);
        return List.copyOf(seen);
    }

    /** Stops sending (a FIN, like {@code nc} at the end of its input) and goes on reading. */
    public void finishSending() throws IOException {
        socket.shutdownOutput();
    }

    /** Ends the connection with a TCP reset rather than a FIN, like a crashed client. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String tail() {
        List<String> all = new ArrayList<>(seen);
        incoming.drainTo(all);
        return all.subList(Math.max(0, all.size() - 5), all.size()).stream()
                .map(line -> line.length() <= 160 ? line : line.substring(0, 150) + "... (" + line.length() + " chars)")
                .toList().toString();
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                incoming.add(line);
            }
        } catch (IOException e) {
            // closed by the test or reset by the server: both end the stream
        } finally {
            eof.countDown();
        }
    }
}
