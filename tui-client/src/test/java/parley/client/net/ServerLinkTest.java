package parley.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.client.testing.FakeServer.member;
import static parley.client.testing.FakeServer.members;
import static parley.client.testing.FakeServer.message;
import static parley.client.testing.FakeServer.welcome;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.client.testing.FakeServer;
import parley.client.testing.RecordingListener;
import parley.protocol.ChatEvent;
import parley.protocol.Command;
import parley.protocol.HistoryBatch;
import parley.server.Admission;

class ServerLinkTest {

    private final RecordingListener listener = new RecordingListener();
    private FakeServer server;
    private ServerLink link;

    @AfterEach
    void tearDown() throws Exception {
        if (link != null) {
            link.close();
            link.join(Duration.ofSeconds(5));
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void skipsTextLinesThenDeliversMachineEventsInOrder() throws Exception {
        server = new FakeServer();
        link = new ServerLink("127.0.0.1", server.port(), null, attempt -> Optional.of(Duration.ZERO), listener);
        link.start();

        listener.awaitState(LinkState.CONNECTED);
        assertThat(listener.nextEvent()).isInstanceOf(ChatEvent.Welcome.class);
        server.sendRaw("a stray text line without tabs");
        server.send(members("lobby", "guest1", "bob"));
        server.send(message("lobby", "bob", "hi\tthere"));

        assertThat(listener.nextEvent()).isEqualTo(members("lobby", "guest1", "bob"));
        assertThat(listener.nextEvent()).isEqualTo(message("lobby", "bob", "hi\tthere"));
    }

    @Test
    void asksForTheWantedNickAndSendsTypedLinesAsUtf8() throws Exception {
        server = new FakeServer();
        link = new ServerLink("127.0.0.1", server.port(), "alice", attempt -> Optional.of(Duration.ZERO), listener);
        link.start();

        listener.awaitState(LinkState.CONNECTED);
        link.send("你好 🙂");
        assertThat(server.nextLine()).isEqualTo("/nick alice");
        assertThat(server.nextLine()).isEqualTo("你好 🙂");
    }

    @Test
    void reconnectsWithBackoffRestoringNickAndRoomThenSendsKeptLines() throws Exception {
        server = new FakeServer();
        AtomicInteger lastAttempt = new AtomicInteger();
        link = new ServerLink("127.0.0.1", server.port(), null, attempt -> {
            lastAttempt.set(attempt);
            return Optional.of(Duration.ZERO);
        }, listener);
        link.start();
        listener.awaitState(LinkState.CONNECTED);
        server.awaitConnection();
        // The person renames and moves: the server confirms both.
        server.send(new ChatEvent.NickChange("lobby", FakeServer.T0, "guest1", "alice", member("guest1").address()));
        server.send(welcome("kitchen", "alice", "you are in #kitchen"));
        listener.nextEvent();
        listener.nextEvent();
        assertThat(listener.nextEvent()).isEqualTo(welcome("kitchen", "alice", "you are in #kitchen"));

        // The next connection is accepted but not welcomed until the test has typed while offline.
        server.holdWelcome();
        server.dropConnection();
        listener.awaitState(LinkState.RETRYING);
        assertThat(link.send("typed while offline")).isFalse();
        assertThat(link.send("/me is back")).isFalse();
        server.releaseWelcome();

        listener.awaitState(LinkState.CONNECTED);
        assertThat(lastAttempt.get()).isEqualTo(1);
        assertThat(server.nextLine()).isEqualTo("/nick alice");
        assertThat(server.nextLine()).isEqualTo("/join kitchen");
        assertThat(server.nextLine()).isEqualTo("typed while offline");
        assertThat(server.nextLine()).isEqualTo("/me is back");
        assertThat(listener.details).anyMatch(d -> d.contains("sending 2 lines typed while offline"));
    }

    @Test
    void backoffGrowsWhileTheServerStaysDown() throws Exception {
        server = new FakeServer();
        int port = server.port();
        CountDownLatch thirdAttempt = new CountDownLatch(1);
        Backoff recording = attempt -> {
            if (attempt == 3) {
                thirdAttempt.countDown();
            }
            return Optional.of(Duration.ofMillis(1));
        };
        link = new ServerLink("127.0.0.1", port, null, recording, listener);
        link.start();
        listener.awaitState(LinkState.CONNECTED);
        server.close();             // nobody listens on the port any more: every retry fails

        assertThat(thirdAttempt.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).delay(3))
                .contains(Duration.ofMillis(400));
        assertThat(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).delay(30))
                .contains(Duration.ofSeconds(1));
    }

    @Test
    void aServerThatCannotBeReachedFailsAtOnce() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        link = new ServerLink("127.0.0.1", closedPort, null, attempt -> Optional.of(Duration.ZERO), listener);
        link.start();

        listener.awaitState(LinkState.FAILED);
        assertThat(listener.details).anyMatch(d -> d.startsWith("cannot connect to 127.0.0.1:" + closedPort));
    }

    @Test
    void aServerThatRefusesUsSaysWhyInsteadOfClosedBeforeWelcoming() throws Exception {
        server = new FakeServer();
        server.refuseWith(Admission.SERVER_FULL);
        link = new ServerLink("127.0.0.1", server.port(), null, attempt -> Optional.of(Duration.ZERO), listener);
        link.start();

        listener.awaitState(LinkState.FAILED);
        assertThat(listener.details).contains("connecting to 127.0.0.1:" + server.port(),
                "cannot connect to 127.0.0.1:" + server.port() + ": server full, try again later");
    }

    @Test
    void onlyTextErrorLinesAreReasons() {
        assertThat(ServerLink.textError("[14:02:07] !! server full, try again later"))
                .contains("server full, try again later");
        assertThat(ServerLink.textError("[00:00:00] !! too many connections from your address"))
                .contains("too many connections from your address");
        assertThat(ServerLink.textError("[14:02:07] !! full\u001B[2J\u0007 ")).contains("full");
        assertThat(ServerLink.textError("[14:02:07] -- welcome to parley, guest1; you are in #lobby.")).isEmpty();
        assertThat(ServerLink.textError("[14:02:07] <bob@127.0.0.1:5000> !! not an error")).isEmpty();
        assertThat(ServerLink.textError("[14:02:07] !! ")).isEmpty();
    }

    @Test
    void aRefusedReconnectSaysWhyWhileRetrying() throws Exception {
        server = new FakeServer();
        link = new ServerLink("127.0.0.1", server.port(), null, attempt -> Optional.of(Duration.ofMillis(1)),
                listener);
        link.start();
        listener.awaitState(LinkState.CONNECTED);
        server.awaitConnection();
        server.refuseWith(Admission.TOO_MANY_FROM_YOU);
        server.dropConnection();

        listener.awaitState(LinkState.RETRYING);    // the drop
        listener.awaitState(LinkState.RETRYING);    // the refused reconnect
        assertThat(listener.details).anyMatch(d -> d.startsWith(
                "disconnected (too many connections from your address); reconnecting in 1 ms"));
    }

    @Test
    void quitEndsTheLinkWhenTheServerCloses() throws Exception {
        server = new FakeServer();
        link = new ServerLink("127.0.0.1", server.port(), null, attempt -> Optional.of(Duration.ZERO), listener);
        link.start();
        listener.awaitState(LinkState.CONNECTED);

        link.send("/quit bye");
        assertThat(server.nextLine()).isEqualTo("/quit bye");
        listener.awaitState(LinkState.CLOSED);
    }

    @Test
    void aQuitTheServerUnderstandsEndsTheLinkHoweverItIsSpaced() throws Exception {
        server = new FakeServer();
        link = new ServerLink("127.0.0.1", server.port(), null, attempt -> Optional.of(Duration.ZERO), listener);
        link.start();
        listener.awaitState(LinkState.CONNECTED);

        link.send("\t/QUIT\tbye");
        assertThat(server.nextLine()).isEqualTo("\t/QUIT\tbye");
        listener.awaitState(LinkState.CLOSED);
        assertThat(listener.states).doesNotContain(LinkState.RETRYING);
    }

    @Test
    void givesUpWhenTheBackoffSaysSo() throws IOException, InterruptedException {
        server = new FakeServer();
        link = new ServerLink("127.0.0.1", server.port(), null, attempt -> Optional.empty(), listener);
        link.start();
        listener.awaitState(LinkState.CONNECTED);
        server.awaitConnection();
        server.dropConnection();

        listener.awaitState(LinkState.FAILED);
    }

    @Test
    void afterAReconnectItCatchesUpOnTheRoomAndShowsEveryLineOnceInOrder() throws Exception {
        server = new FakeServer();
        link = new ServerLink("127.0.0.1", server.port(), null, attempt -> Optional.of(Duration.ZERO), listener);
        link.start();
        listener.awaitState(LinkState.CONNECTED);
        server.awaitConnection();
        assertThat(listener.nextEvent()).isInstanceOf(ChatEvent.Welcome.class);
        server.send(message("lobby", "bob", "one", 1, false));
        server.send(message("lobby", "bob", "two", 2, false));
        assertThat(listener.nextEvent()).isEqualTo(message("lobby", "bob", "one", 1, false));
        assertThat(listener.nextEvent()).isEqualTo(message("lobby", "bob", "two", 2, false));

        server.dropConnection();
        listener.awaitState(LinkState.CONNECTED);
        server.awaitConnection();
        assertThat(server.nextLine()).isEqualTo("/nick guest1");
        assertThat(server.nextLine()).isEqualTo("/history since 2 500");
        // The reconnect's replay (a line already seen), a live line that overtakes the page, then the page.
        server.send(message("lobby", "bob", "two", 2, true));
        server.send(message("lobby", "bob", "said during the read", 5, false));
        HistoryBatch start = new HistoryBatch("lobby", FakeServer.T0, true, 2, 0,
                new Command.History(Command.History.Direction.SINCE, 2, 500));
        server.send(start);
        server.send(message("lobby", "bob", "three", 3, true));
        server.send(message("lobby", "bob", "four", 4, true));
        server.send(start.end(FakeServer.T0));
        server.send(message("lobby", "bob", "after", 6, false));

        assertThat(listener.nextEvent()).isInstanceOf(ChatEvent.Welcome.class);
        assertThat(listener.nextEvent()).isEqualTo(
                new ChatEvent.Info("lobby", FakeServer.T0, "2 messages while you were away"));
        assertThat(listener.nextEvent()).isEqualTo(message("lobby", "bob", "three", 3, true));
        assertThat(listener.nextEvent()).isEqualTo(message("lobby", "bob", "four", 4, true));
        assertThat(listener.nextEvent()).isEqualTo(message("lobby", "bob", "said during the read", 5, false));
        assertThat(listener.nextEvent()).isEqualTo(message("lobby", "bob", "after", 6, false));
    }

    @Test
    void aTakenNickFallsBackToUnderscoresThenGivesUpSayingSo() throws Exception {
        server = new FakeServer();
        link = new ServerLink("127.0.0.1", server.port(), "mei", attempt -> Optional.of(Duration.ZERO), listener);
        link.start();
        listener.awaitState(LinkState.CONNECTED);
        server.awaitConnection();
        listener.nextEvent();
        for (String nick : List.of("mei", "mei_", "mei__")) {
            assertThat(server.nextLine()).isEqualTo("/nick " + nick);
            server.send(new ChatEvent.Error("lobby", FakeServer.T0, "nick " + nick + " is taken; you are still guest1"));
        }

        assertThat(listener.nextEvent()).isEqualTo(
                new ChatEvent.Info("lobby", FakeServer.T0, "nick mei is taken; trying mei_"));
        assertThat(listener.nextEvent()).isEqualTo(
                new ChatEvent.Info("lobby", FakeServer.T0, "nick mei_ is taken; trying mei__"));
        assertThat(listener.nextEvent()).isEqualTo(new ChatEvent.Error("lobby", FakeServer.T0,
                "nicks mei, mei_ and mei__ are all taken; you are guest1 (/nick NAME to choose another)"));
        link.send("hello");
        assertThat(server.nextLine()).as("no fourth try").isEqualTo("hello");
    }

    @Test
    void aFallbackNickIsKeptForNowButTheWantedOneIsAskedForOnTheNextConnection() throws Exception {
        server = new FakeServer();
        link = new ServerLink("127.0.0.1", server.port(), "mei", attempt -> Optional.of(Duration.ZERO), listener);
        link.start();
        listener.awaitState(LinkState.CONNECTED);
        server.awaitConnection();
        assertThat(server.nextLine()).isEqualTo("/nick mei");
        server.send(new ChatEvent.Error("lobby", FakeServer.T0, "nick mei is taken; you are still guest1"));
        assertThat(server.nextLine()).isEqualTo("/nick mei_");
        server.send(new ChatEvent.NickChange("lobby", FakeServer.T0, "guest1", "mei_", member("guest1").address()));
        await(ChatEvent.NickChange.class);

        server.dropConnection();
        listener.awaitState(LinkState.CONNECTED);
        server.awaitConnection();
        assertThat(server.nextLine()).isEqualTo("/nick mei");
    }

    private void await(Class<? extends ChatEvent> kind) throws InterruptedException {
        for (ChatEvent e = listener.nextEvent(); !kind.isInstance(e); e = listener.nextEvent()) {
            assertThat(e).as("waiting for a " + kind.getSimpleName()).isNotNull();
        }
    }
}
