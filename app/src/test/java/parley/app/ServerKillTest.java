package parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ChatClient;
import parley.protocol.ChatEvent;
import parley.protocol.MachineFormat;
import parley.protocol.WireMode;

/**
 * README's promise through the real launcher: after a {@code kill -9}, every line up to the last id that
 * {@code /stats} reported as stored is there when {@code parley server} starts again on the same {@code --data},
 * and new lines get new ids. (The launcher runs from the class path: the jar is made after the tests.)
 */
@Timeout(180)
class ServerKillTest {

    private static final Pattern LISTENING = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) backend=\\w+$");
    private static final Pattern LAST_STORED = Pattern.compile("last stored id (\\d+)");

    @TempDir
    Path dir;

    @Test
    void everyLineStoredBeforeAKill9IsThereAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        List<Long> ids = new ArrayList<>();
        long storedThrough;
        Process first = server(data, "first");
        try (ChatClient a = v2(address(first, "first"))) {
            for (int i = 0; i < 200; i++) {
                ids.add(say(a, "line " + i));
            }
            // The store reports what it committed; wait until that covers the first 200, then say more.
            await().atMost(Duration.ofSeconds(30)).until(() -> lastStored(a) >= ids.get(ids.size() - 1));
            for (int i = 200; i < 300; i++) {
                ids.add(say(a, "line " + i));
            }
            storedThrough = lastStored(a);
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);
        } finally {
            first.destroyForcibly();
        }

        Process second = server(data, "second");
        try (ChatClient b = v2(address(second, "second"))) {
            b.send("/history 500");
            List<Long> kept = new ArrayList<>();
            while (true) {
                String line = b.await(l -> l.startsWith("message\t") || l.startsWith("history-end\t"), "history");
                if (line.startsWith("history-end\t")) {
                    break;
                }
                ChatEvent.Spoken said = (ChatEvent.Spoken) MachineFormat.parse(line);
                if (said.history() && said.text().startsWith("line ")) {
                    kept.add(said.id());
                }
            }
            List<Long> promised = ids.stream().filter(id -> id <= storedThrough).toList();
            assertThat(promised).hasSizeGreaterThanOrEqualTo(200);
            assertThat(kept).as("every line stored before the kill").containsAll(promised);
            assertThat(say(b, "after the kill")).isGreaterThan(ids.get(ids.size() - 1));
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }

    private Process server(Path data, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED"); // what the jar's manifest says for ./parley
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Parley.class.getName(), "server",
                "--host", "127.0.0.1", "--port", "0", "--rate-limit", "off", "--data", data.toString()));
        return new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private InetSocketAddress address(Process server, String name) throws IOException {
        Path out = dir.resolve(name + ".out");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(out).endsWith("\n") || !server.isAlive());
        Matcher m = LISTENING.matcher(Files.readString(out).strip());
        assertThat(m.matches()).as("listening line; stderr: %s", Files.readString(dir.resolve(name + ".err")))
                .isTrue();
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
    }

    private static ChatClient v2(InetSocketAddress address) throws IOException {
        ChatClient c = ChatClient.connect(address);
        c.awaitContaining("welcome to parley");
        c.send(WireMode.MACHINE_V2_HELLO);
        c.await(line -> line.startsWith("welcome\t"), "a machine welcome");
        return c;
    }

    private static long say(ChatClient c, String text) throws IOException {
        c.send(text);
        String echo = c.await(line -> line.startsWith("message\t") && line.endsWith("\t" + text), text);
        return ((ChatEvent.Spoken) MachineFormat.parse(echo)).id();
    }

    private static long lastStored(ChatClient c) throws IOException {
        c.send("/stats");
        Matcher m = LAST_STORED.matcher(c.await(line -> line.contains("last stored id"), "the store's status"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
