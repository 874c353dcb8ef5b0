package parley.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import parley.client.testing.KeyQueueTerminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.client.net.LinkState;
import parley.client.state.ClientState;
import parley.client.testing.FakeServer;
import parley.client.tui.FullScreenClient;
import parley.protocol.ChatEvent;
import parley.protocol.Command;
import parley.protocol.HistoryBatch;

/** The whole full-screen client against a loopback fake server, on a virtual terminal: every way out. */
class ClientAppTest {

    private final KeyQueueTerminal terminal = new KeyQueueTerminal(new TerminalSize(60, 12));
    private final Clock clock = Clock.fixed(FakeServer.T0, ZoneOffset.UTC);

    private CompletableFuture<Integer> start(int port) {
        ClientApp app = new ClientApp("127.0.0.1", port, "alice", clock, attempt -> Optional.of(Duration.ZERO));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return app.runOn(new TerminalScreen(terminal));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String screenText() {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < terminal.getTerminalSize().getRows(); r++) {
            for (int c = 0; c < terminal.getTerminalSize().getColumns(); c++) {
                out.append(terminal.getCharacter(c, r).getCharacterString());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private void type(String text) {
        for (char c : text.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
        terminal.addInput(new KeyStroke(KeyType.Enter));
    }

    @Test
    void talksThenQuitsWithZeroAndRestoresTheTerminal() throws Exception {
        try (FakeServer server = new FakeServer()) {
            CompletableFuture<Integer> exit = start(server.port());
            await().atMost(5, SECONDS).until(() -> screenText().contains("13:02:07 -- welcome to parley, guest1"));
            assertThat(server.nextLine()).isEqualTo("/nick alice");

            type("hello 世界");
            assertThat(server.nextLine()).isEqualTo("hello 世界");
            type("/quit");
            assertThat(server.nextLine()).isEqualTo("/quit");

            assertThat(exit.get(5, SECONDS)).isZero();
            // Back on the normal screen: nothing the client drew is left.
            assertThat(screenText()).doesNotContain("welcome").doesNotContain("[connected]");
        }
    }

    @Test
    void aJoinBurstLeadsToTheNewRoomWithItsMembers() throws Exception {
        try (FakeServer server = new FakeServer()) {
            CompletableFuture<Integer> exit = start(server.port());
            server.awaitConnection();
            assertThat(server.nextLine()).isEqualTo("/nick alice");
            for (String room : List.of("rust", "go", "zig")) {
                type("/join " + room);
                assertThat(server.nextLine()).isEqualTo("/join " + room);
                // What the server answers a /join with, in one write: the welcome, who is there, your arrival.
                server.sendBurst(FakeServer.welcome(room, "alice", "you are now in #" + room),
                        FakeServer.members(room, "bob", "carol", "alice"),
                        new ChatEvent.Join(room, FakeServer.T0, FakeServer.member("alice")));
                await().atMost(5, SECONDS).until(() -> screenText().contains("alice #" + room + " (3)"));
            }
            terminal.addInput(new KeyStroke('c', false, false));
            terminal.addInput(new KeyStroke('a', false, false));
            terminal.addInput(new KeyStroke(KeyType.Tab));
            await().atMost(5, SECONDS).until(() -> screenText().contains("> carol: "));

            terminal.addInput(new KeyStroke('c', true, false));
            assertThat(exit.get(5, SECONDS)).isZero();
        }
    }

    @Test
    void aQuitWithALeadingSpaceEndsTheClientAsItEndsTheSession() throws Exception {
        try (FakeServer server = new FakeServer()) {
            CompletableFuture<Integer> exit = start(server.port());
            await().atMost(5, SECONDS).until(() -> screenText().contains("[connected]"));
            assertThat(server.nextLine()).isEqualTo("/nick alice");
            type(" /quit");
            assertThat(server.nextLine()).isEqualTo(" /quit");

            assertThat(exit.get(5, SECONDS)).isZero();
        }
    }

    @Test
    void ctrlCLeavesAtOnceSayingGoodbye() throws Exception {
        try (FakeServer server = new FakeServer()) {
            CompletableFuture<Integer> exit = start(server.port());
            await().atMost(5, SECONDS).until(() -> screenText().contains("[connected]"));
            terminal.addInput(new KeyStroke('c', true, false));

            assertThat(exit.get(5, SECONDS)).isZero();
            assertThat(server.nextLine()).isEqualTo("/nick alice");
            assertThat(server.nextLine()).isEqualTo("/quit");
        }
    }

    @Test
    void reconnectsAfterTheServerDropsTheConnection() throws Exception {
        try (FakeServer server = new FakeServer()) {
            CompletableFuture<Integer> exit = start(server.port());
            server.awaitConnection();
            assertThat(server.nextLine()).isEqualTo("/nick alice");
            server.holdWelcome();
            server.dropConnection();
            await().atMost(5, SECONDS).until(() -> screenText().contains("[reconnecting]"));
            type("still here?");
            await().atMost(5, SECONDS).until(() -> screenText().contains("1 line kept, sent when"));
            server.releaseWelcome();

            assertThat(server.nextLine()).isEqualTo("/nick alice");
            assertThat(server.nextLine()).isEqualTo("still here?");
            await().atMost(5, SECONDS).until(() -> screenText().contains("[connected]"));
            terminal.addInput(new KeyStroke('d', true, false));     // Ctrl-D on an empty line
            assertThat(exit.get(5, SECONDS)).isZero();
        }
    }

    @Test
    void anUnreachableServerExitsWithOne() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(start(closedPort).get(5, SECONDS)).isEqualTo(1);
        assertThat(screenText().isBlank()).isTrue();
    }

    @Test
    void anExceptionInTheLoopStillRestoresTheTerminal() throws Exception {
        ClientState state = new ClientState(ZoneOffset.UTC, "nowhere:1");
        FullScreenClient client = new FullScreenClient(new TerminalScreen(terminal), state, clock, line -> {
            throw new IllegalStateException("boom");
        });
        client.changed(LinkState.CONNECTED, "connected to nowhere");
        type("anything");

        assertThatThrownBy(client::run).hasMessage("boom");
        assertThat(screenText()).doesNotContain("connected to nowhere");
    }

    @Test
    void afterADropTheScreenShowsWhatWasMissedOnceAndPgUpAtTheTopFetchesOlderLines() throws Exception {
        try (FakeServer server = new FakeServer()) {
            CompletableFuture<Integer> exit = start(server.port());
            server.awaitConnection();
            assertThat(server.nextLine()).isEqualTo("/nick alice");
            server.send(FakeServer.message("lobby", "bob", "first", 40, false));
            await().atMost(5, SECONDS).until(() -> screenText().contains("<bob> first"));

            server.dropConnection();
            server.awaitConnection();
            assertThat(server.nextLine()).isEqualTo("/nick alice");
            assertThat(server.nextLine()).isEqualTo("/history since 40 500");
            server.send(FakeServer.message("lobby", "bob", "first", 40, true));        // the replay: seen
            server.send(FakeServer.message("lobby", "bob", "live", 44, false));        // overtakes the page
            HistoryBatch since = new HistoryBatch("lobby", FakeServer.T0, true, 1, 0,
                    new Command.History(Command.History.Direction.SINCE, 40, 500));
            server.send(since);
            server.send(FakeServer.message("lobby", "bob", "missed", 42, true));
            server.send(since.end(FakeServer.T0));
            await().atMost(5, SECONDS).until(() -> screenText().contains("<bob> live"));
            String screen = screenText();
            assertThat(screen.indexOf("1 message while you were away")).isLessThan(screen.indexOf("<bob> missed"));
            assertThat(screen.indexOf("<bob> missed")).isLessThan(screen.indexOf("<bob> live"));

            terminal.addInput(new KeyStroke(KeyType.PageUp));
            assertThat(server.nextLine()).isEqualTo("/history before 40 100");
            HistoryBatch before = new HistoryBatch("lobby", FakeServer.T0, true, 1, 0,
                    new Command.History(Command.History.Direction.BEFORE, 40, 100));
            server.send(before);
            server.send(FakeServer.message("lobby", "bob", "from long ago", 7, true));
            server.send(before.end(FakeServer.T0));
            // The page goes above what is shown, so the screen does not change until the next PgUp.
            await().atMost(5, SECONDS).until(() -> {
                terminal.addInput(new KeyStroke(KeyType.PageUp));
                return screenText().contains("<bob> from long ago");
            });
            assertThat(screenText()).contains("--- the beginning of #lobby ---");
            assertThat(screenText().split("<bob> first", -1)).as("the line seen before the drop, once").hasSize(2);

            terminal.addInput(new KeyStroke('c', true, false));
            assertThat(exit.get(5, SECONDS)).isZero();
        }
    }

    @Test
    void conversationsAreLoggedToAFilePerDayUnderTheLogDirectory(@TempDir Path logs) throws Exception {
        try (FakeServer server = new FakeServer()) {
            ClientApp app = new ClientApp("127.0.0.1", server.port(), "alice", clock,
                    attempt -> Optional.of(Duration.ZERO)).loggingTo(logs);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return app.runOn(new TerminalScreen(terminal));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            server.awaitConnection();
            server.send(FakeServer.message("lobby", "bob", "this goes on disk", 5, false));
            await().atMost(5, SECONDS).until(() -> screenText().contains("<bob> this goes on disk"));
            terminal.addInput(new KeyStroke('c', true, false));
            assertThat(exit.get(5, SECONDS)).isZero();

            Path file = logs.resolve("127.0.0.1_" + server.port()).resolve("#lobby.2026-11-26.log");
            assertThat(Files.readAllLines(file)).contains("13:02:07 127.0.0.1:5000 <bob> this goes on disk");
        }
    }
}
