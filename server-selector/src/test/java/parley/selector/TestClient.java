package parley.selector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A blocking line client for tests; every read gives up after ten seconds rather than hang the build. */
final class TestClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String nick;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
        String welcome = readUntil(line -> line.contains("welcome to parley, ")).get(0);
        int start = welcome.indexOf("welcome to parley, ") + "welcome to parley, ".length();
        this.nick = welcome.substring(start, welcome.indexOf(';', start));
    }

    /** Connects and reads up to the welcome, so the server has registered us when this returns. */
    static TestClient connect(InetSocketAddress server) throws IOException {
        return connect(server, 0);
    }

    /** As {@link #connect(InetSocketAddress)}, with a small receive buffer (0: the default). */
    static TestClient connect(InetSocketAddress server, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes); // before connect, so the window starts small
        }
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(server, READ_TIMEOUT_MILLIS);
        return new TestClient(socket);
    }

    String nick() {
        return nick;
    }

    /** Writes the bytes in one call, so they usually arrive in one segment. */
    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("EOF");
        }
        return line;
    }

    /** Reads lines until one matches; returns them all, the match last. */
    List<String> readUntil(Predicate<String> match) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (!match.test(line));
        return lines;
    }

    /** Reads and discards until the server closes the connection; true if it did (EOF or reset). */
    boolean drainToEnd() throws IOException {
        try {
            while (in.readLine() != null) {
                // discard
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Closes with RST instead of FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
