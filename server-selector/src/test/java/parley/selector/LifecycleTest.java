package parley.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.server.Backends;

/** How connections end: EOF, reset, /quit and shutdown; and the count of open connections through it all. */
class LifecycleTest {

    private TestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theBackendIsFoundByName() {
        assertThat(Backends.discover().find("selector")).get().isInstanceOf(SelectorBackend.class);
    }

    @Test
    void aClientThatClosesLeavesTheRoomAndTheCount() throws Exception {
        server = new TestServer(TestServer.settings());
        TestClient stayer = server.client();
        TestClient leaver = server.client();
        assertThat(server.server().connectionCount()).isEqualTo(2);

        leaver.close();

        stayer.readUntil(line -> line.contains(leaver.nick() + " (") && line.endsWith("left #lobby (connection closed)"));
        await().until(() -> server.server().connectionCount() == 1);
        assertThat(server.core().sessionCount()).isEqualTo(1);
    }

    @Test
    void aClientThatResetsLeavesTheRoomAndTheCount() throws Exception {
        server = new TestServer(TestServer.settings());
        TestClient stayer = server.client();
        TestClient leaver = server.client();

        leaver.reset();

        stayer.readUntil(line -> line.contains(leaver.nick() + " (") && line.endsWith("left #lobby (connection reset)"));
        await().until(() -> server.server().connectionCount() == 1);
    }

    @Test
    void quitDeliversWhatWasQueuedThenCloses() throws Exception {
        server = new TestServer(TestServer.settings());
        TestClient stayer = server.client();
        TestClient quitter = server.client();

        quitter.write("/help\n/quit bye\nignored after quit\n");

        List<String> last = quitter.readUntil(line -> line.contains("/quit [REASON]"));
        assertThat(last).anyMatch(l -> l.contains("/help"));
        assertThat(quitter.drainToEnd()).isTrue();
        stayer.readUntil(line -> line.contains(quitter.nick() + " (") && line.endsWith("left #lobby (quit: bye)"));
        await().until(() -> server.server().connectionCount() == 1);
    }

    @Test
    void shutdownAnnouncesFlushesClosesEverythingAndIsIdempotent() throws Exception {
        server = new TestServer(TestServer.settings().withLoops(2));
        TestClient first = server.client();
        TestClient second = server.client();

        server.server().shutdown(Duration.ofSeconds(2));

        for (TestClient c : List.of(first, second)) {
            c.readUntil(line -> line.endsWith("-- the server is shutting down"));
            assertThat(c.drainToEnd()).isTrue();
        }
        assertThat(server.server().connectionCount()).isZero();
        assertThat(server.core().sessionCount()).isZero();
        server.server().shutdown(Duration.ofSeconds(2)); // again: returns at once, changes nothing
        assertThatThrownBy(() -> new Socket(server.address().getAddress(), server.address().getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void shutdownClosesAClientThatDoesNotReadByTheDeadline() throws Exception {
        server = new TestServer(TestServer.settings().withLimits(l -> l.withMaxOutboundBytes(64L * 1024 * 1024)));
        TestClient stuck = server.clientWithReceiveBuffer(4 * 1024);
        StringBuilder lots = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            lots.append("filler ").append(i).append(' ').append("y".repeat(400)).append('\n');
        }
        stuck.write(lots.toString()); // about 8 MB of echoes that the client never reads
        await().until(() -> server.queuedBytes() > 1024 * 1024); // the socket is full; the rest waits in the queue

        server.server().shutdown(Duration.ofMillis(200));

        assertThat(server.server().connectionCount()).isZero();
        assertThat(stuck.drainToEnd()).isTrue();
    }

    @Test
    void connectionsAreDealtToTheLoopsInTurn() throws Exception {
        server = new TestServer(TestServer.settings().withLoops(2));
        TestClient a = server.client();
        TestClient b = server.client();
        TestClient c = server.client();
        TestClient d = server.client();

        assertThat(server.server().loops()).allSatisfy(loop -> assertThat(loop.connectionCount()).isEqualTo(2));
        a.write("across loops\n");
        for (TestClient listener : List.of(b, c, d)) {
            listener.readUntil(line -> line.contains("<" + a.nick() + "@") && line.endsWith("> across loops"));
        }
    }
}
