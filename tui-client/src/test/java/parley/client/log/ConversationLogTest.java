package parley.client.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.client.net.LinkListener;
import parley.client.net.LinkState;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

/** Logs on a real temp directory, and on a disk that is full ({@code /dev/full}). */
class ConversationLogTest {

    private static final Instant T = Instant.parse("2026-11-29T23:59:58Z");
    private static final Member BOB = new Member("bob", "127.0.0.1:5000");
    private static final Member ALICE = new Member("alice", "127.0.0.1:5001");

    @TempDir
    Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<ChatEvent> handedOn = new CopyOnWriteArrayList<>();
    private final LinkListener client = new LinkListener() {
        @Override
        public void received(ChatEvent event) {
            handedOn.add(event);
        }

        @Override
        public void changed(LinkState state, String detail) {
        }
    };

    private Path file(String name) {
        return dir.resolve("127.0.0.1_7777").resolve(name);
    }

    @Test
    void aFilePerConversationPerDayWithTimesAndAddressesOnlyWhatHappensLive() throws IOException {
        ConversationLog log = new ConversationLog(dir, ConversationLog.serverDirectory("127.0.0.1", 7777),
                ZoneOffset.UTC, warnings::add);
        LoggingListener listener = new LoggingListener(client, log);
        listener.received(new ChatEvent.Welcome("Lobby", T, ALICE, "welcome to parley, alice"));
        listener.received(new ChatEvent.Message("Lobby", T, BOB, "an old line", true, 3));
        listener.received(new ChatEvent.Message("Lobby", T, BOB, "hello alice", false, 7));
        listener.received(new ChatEvent.Private(T, BOB, "alice", "psst"));
        listener.received(new ChatEvent.Private(T.plusSeconds(1), ALICE, "bob", "yes?"));
        listener.received(new ChatEvent.Action("lobby", T.plusSeconds(3), BOB, "waves after midnight", false, 9));
        log.close(Duration.ofSeconds(5));

        assertThat(Files.readAllLines(file("#lobby.2026-11-29.log"))).containsExactly(
                "23:59:58 -- welcome to parley, alice",
                "23:59:58 127.0.0.1:5000 <bob> hello alice");
        assertThat(Files.readAllLines(file("bob.2026-11-29.log"))).containsExactly(
                "23:59:58 127.0.0.1:5000 *bob -> alice* psst",
                "23:59:59 127.0.0.1:5001 *alice -> bob* yes?");
        assertThat(Files.readAllLines(file("#lobby.2026-11-30.log"))).containsExactly(
                "00:00:01 127.0.0.1:5000 * bob waves after midnight");
        assertThat(handedOn).hasSize(6);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFullDiskWarnsOnceAndStopsLoggingWhileEverythingIsStillHandedOn() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full (Linux)");
        Files.createDirectories(file(""));
        Files.createSymbolicLink(file("#lobby.2026-11-29.log"), full);
        ConversationLog log = new ConversationLog(dir, "127.0.0.1_7777", ZoneOffset.UTC, warnings::add);
        LoggingListener listener = new LoggingListener(client, log);
        for (int i = 0; i < 50; i++) {
            listener.received(new ChatEvent.Message("lobby", T, BOB, "line " + i, false, i + 1));
        }
        await().until(log::stopped);
        for (int i = 50; i < 100; i++) {
            listener.received(new ChatEvent.Message("lobby", T, BOB, "line " + i, false, i + 1));
        }
        log.close(Duration.ofSeconds(5));

        assertThat(warnings).singleElement().asString().contains("No space left on device")
                .endsWith("logging stopped, the chat goes on");
        assertThat(handedOn).hasSize(100);
    }

    @Test
    void theDefaultDirectoryFollowsXdgStateHome() {
        assertThat(ConversationLog.defaultDirectory(Map.of("XDG_STATE_HOME", "/s"), "/home/mei"))
                .isEqualTo(Path.of("/s/parley/logs"));
        assertThat(ConversationLog.defaultDirectory(Map.of(), "/home/mei"))
                .isEqualTo(Path.of("/home/mei/.local/state/parley/logs"));
        assertThat(ConversationLog.safe("../x/y")).isEqualTo("_.._x_y");
    }
}
