package parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ChatClient;

/** {@code parley server} as a real process: the listening line, chatting, and SIGTERM ending in exit 0. */
@Timeout(120)
class ServerProcessTest {

    private static final Pattern LISTENING = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) backend=threaded$");

    @Test
    void printsItsAddressServesClientsAndExitsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path stdout = dir.resolve("stdout");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Parley.class.getName(),
                "server", "--backend", "threaded", "--host", "127.0.0.1", "--port", "0")
                .redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString()); // not the user's own
        Process server = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(stdout).endsWith("\n"));
            Matcher m = LISTENING.matcher(lines(stdout).get(0));
            assertThat(m.matches()).as("listening line: %s", lines(stdout)).isTrue();
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
            assertThat(lines(stdout)).as("exactly one line on stdout").hasSize(1);
            assertThat(Files.readString(dir.resolve("stderr")))
                    .contains("connect 127.0.0.1:").contains(" as guest1").contains("shutting down")
                    .contains("stopped: 0 connections, 0 bytes queued")
                    .contains("history: " + dir.resolve("data").resolve("parley").resolve("history.db"));
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void sigtermEndsTheServerInTimeWhenNobodyReadsItsStderr(@TempDir Path dir) throws Exception {
        Path stdout = dir.resolve("stdout");
        // stderr is a named pipe this test opens and never reads: once the kernel's pipe buffer (64 KiB) is
        // full, every write to it blocks, as with a terminal on Ctrl-S. (An ordinary ProcessBuilder pipe would
        // not do: the child's writes to it fail instead of blocking.)
        Path fifo = dir.resolve("stderr");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<FileInputStream> neverRead = CompletableFuture.supplyAsync(() -> {
            try {
                return new FileInputStream(fifo.toFile()); // opens once the server opens its end
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Parley.class.getName(),
                "server", "--backend", "selector", "--host", "127.0.0.1", "--port", "0", "--max-per-ip", "0",
                "--max-connect-rate", "off", "--max-connect-rate-per-ip", "off", "--max-connect-rate-per-net", "off")
                .redirectOutput(stdout.toFile())
                .redirectError(fifo.toFile())
                .start();
        try (FileInputStream stalled = neverRead.get(60, TimeUnit.SECONDS)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(stdout).endsWith("\n"));
            Matcher m = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) backend=selector$")
                    .matcher(lines(stdout).get(0));
            assertThat(m.matches()).isTrue();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
            for (int i = 0; i < 1500; i++) { // a connect and a disconnect line each: about 150 KB of log
                try (ChatClient c = ChatClient.connect(address)) {
                    c.awaitContaining("welcome");
                }
            }
            long start = System.nanoTime();
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("exited in time").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(server.exitValue()).isZero();
        } finally {
            server.destroyForcibly();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
