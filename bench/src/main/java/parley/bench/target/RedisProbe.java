package parley.bench.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import parley.bench.load.RedisAdapter;

/** A one-off blocking conversation with a Redis server: is it there, and what is its pid. */
final class RedisProbe {

    private static final int TIMEOUT_MILLIS = 2000;

    private RedisProbe() {
    }

    static boolean ping(InetSocketAddress address) {
        try {
            return call(address, "PING").startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** The server's pid from {@code INFO server} ({@code process_id:1234}). */
    static OptionalLong pid(InetSocketAddress address) {
        try {
            for (String line : call(address, "INFO", "server").split("\r\n")) {
                if (line.startsWith("process_id:")) {
                    return OptionalLong.of(Long.parseLong(line.substring("process_id:".length()).trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no pid: the report shows no server figures for this target
        }
        return OptionalLong.empty();
    }

    /** Sends one command and returns the raw reply (a bulk reply is read to its end). */
    static String call(InetSocketAddress address, String... words) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(RedisAdapter.command(words).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder reply = new StringBuilder();
            byte[] buf = new byte[8192];
            long expected = -1;
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                reply.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (expected < 0) {
                    int eol = reply.indexOf("\r\n");
                    if (eol < 0) {
                        continue;
                    }
                    expected = reply.charAt(0) == '$' ? eol + 2 + Long.parseLong(reply.substring(1, eol)) + 2 : eol + 2;
                }
                if (reply.toString().getBytes(StandardCharsets.UTF_8).length >= expected) {
                    break;
                }
            }
            return reply.toString();
        }
    }
}
