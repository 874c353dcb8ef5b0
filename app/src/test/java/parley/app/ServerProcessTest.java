package parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.jr.ob.JSON;
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
        ProcessBuilder builder = parley("server", "--backend", "threaded", "--host", "127.0.0.1", "--port", "0")
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
        ProcessBuilder builder = parley("server", "--backend", "selector", "--host", "127.0.0.1", "--port", "0",
                "--max-per-ip", "0", "--max-connect-rate", "off", "--max-connect-rate-per-ip", "off",
                "--max-connect-rate-per-net", "off")
                .redirectOutput(stdout.toFile())
                .redirectError(fifo.toFile());
        // Not the user's own history: a server or bench using it would hold its lock and this one would not start.
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        Process server = builder.start();
        try (FileInputStream stalled = neverRead.get(60, TimeUnit.SECONDS)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(stdout).endsWith("\n"));
            Matcher m = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) backend=selector$")
                    .matcher(lines(stdout).get(0));
            assertThat(m.matches()).isTrue();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
            for (int i = 0; i < 1500; i++) { // a connect and a disconnect line each: about 150 KB of log
                // Each from an address of its own: the log sums up repeats from one address.
                InetAddress from = InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + i / 250), (byte) (1 + i % 250)});
                try (ChatClient c = ChatClient.connectFrom(address, from)) {
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

    @Test
    void servesMetricsAndLogsJsonWithHashedAddresses(@TempDir Path dir) throws Exception {
        Path stdout = dir.resolve("stdout");
        Process server = parley("server", "--backend", "selector", "--host", "127.0.0.1", "--port", "0", "--data", "none",
                "--metrics", "0", "--log-format", "json", "--log-addresses", "hashed")
                .redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("stderr").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(stdout).size() == 2);
            Matcher metrics = Pattern.compile("^metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)$")
                    .matcher(lines(stdout).get(0));
            assertThat(metrics.matches()).as("metrics line: %s", lines(stdout)).isTrue();
            Matcher m = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) backend=selector$")
                    .matcher(lines(stdout).get(1));
            assertThat(m.matches()).as("listening line: %s", lines(stdout)).isTrue();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
            try (ChatClient a = ChatClient.connect(address); ChatClient b = ChatClient.connect(address)) {
                a.awaitContaining("welcome");
                b.awaitContaining("welcome");
                a.send("counted");
                b.awaitContaining("> counted");
                a.send("/quit " + "long ".repeat(700)); // 3,500 bytes: within --max-line
                b.awaitContaining("left #lobby");
                String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metrics.group(1)))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(scrape.lines()).contains("parley_connections_accepted_total 2.0", "parley_connections_open 1.0",
                        "parley_messages_said_total 1.0", "parley_rooms 1.0", "parley_fanout_seconds_count 1")
                        .anyMatch(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\"} "));
            }
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
            List<String> log = lines(dir.resolve("stderr"));
            assertThat(log).as("no address in the log").noneMatch(l -> l.contains("127.0.0.1")).isNotEmpty();
            List<Map<String, Object>> events = new ArrayList<>();
            for (String line : log) {
                events.add(JSON.std.mapFrom(line)); // every line is one JSON object
            }
            assertThat(events).allSatisfy(e -> assertThat(e).containsKeys("time", "level", "event", "message", "fields"));
            List<Map<String, Object>> connects = events.stream().filter(e -> e.get("event").equals("connect")).toList();
            assertThat(connects).hasSize(2).allSatisfy(e -> assertThat(((Map<?, ?>) e.get("fields")).get("address"))
                    .asString().matches("#[0-9a-f]{12}:\\d+"));
            String first = ((String) ((Map<?, ?>) connects.get(0).get("fields")).get("address")).split(":")[0];
            assertThat(((Map<?, ?>) connects.get(1).get("fields")).get("address")).asString()
                    .as("one ip, one hash, for the whole run").startsWith(first + ":");
            Map<?, ?> quit = events.stream().filter(e -> e.get("event").equals("disconnect")).findFirst()
                    .map(e -> (Map<?, ?>) e.get("fields")).orElseThrow();
            assertThat(quit.get("reason")).asString().startsWith("quit: long long").matches(".*… \\(3\\d\\d\\d chars\\)")
                    .hasSizeLessThan(250);
        } finally {
            server.destroyForcibly();
        }
    }

    /** {@code parley ARGS} in a JVM of its own, from this test's class path. */
    private static ProcessBuilder parley(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Parley.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
