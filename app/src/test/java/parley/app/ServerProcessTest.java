package parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import parley.conformance.ChatClient;

/** {@code parley server} as a real process: the listening line, chatting, and SIGTERM ending in exit 0. */
@Timeout(120)
class ServerProcessTest {

    private static final Pattern LISTENING = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) backend=threaded$");

    @Test
    void printsItsAddressServesClientsAndExitsCleanlyOnSigterm() throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Parley.class.getName(),
                "server", "--backend", "threaded", "--host", "127.0.0.1", "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            Matcher m = LISTENING.matcher(String.valueOf(first));
            assertThat(m.matches()).as("listening line: %s", first).isTrue();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
            try (ChatClient a = ChatClient.connect(address); ChatClient b = ChatClient.connect(address)) {
                a.awaitContaining("welcome");
                b.awaitContaining("welcome");
                a.send("over real processes");
                b.awaitContaining("> over real processes");
                server.destroy(); // SIGTERM
                b.awaitContaining("shutting down");
                b.awaitClosedByServer();
            }
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
            assertThat(out.readLine()).as("exactly one line on stdout").isNull();
        } finally {
            server.destroyForcibly();
        }
    }
}
