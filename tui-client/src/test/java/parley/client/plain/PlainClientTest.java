package parley.client.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.client.testing.FakeServer.member;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import parley.client.net.Backoff;
import parley.client.testing.FakeServer;
import parley.protocol.ChatEvent;
import parley.server.Admission;

class PlainClientTest {

    private static final Clock TOKYO = Clock.fixed(FakeServer.T0, ZoneId.of("Asia/Tokyo"));
    private static final Backoff NO_WAIT = attempt -> Optional.of(Duration.ZERO);

    @Test
    void pipedInputIsSentThenTheClientQuitsAndPrintsEventsInLocalTime() throws Exception {
        try (FakeServer server = new FakeServer()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StreamConsole console = new StreamConsole(
                    new ByteArrayInputStream("hello 世界\n\n".getBytes(StandardCharsets.UTF_8)), out);
            PlainClient client = new PlainClient("127.0.0.1", server.port(), null, NO_WAIT, TOKYO, console);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(client));

            assertThat(server.nextLine()).isEqualTo("hello 世界");
            assertThat(server.nextLine()).isEqualTo("/quit");
            assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
            // 13:02 UTC is 22:02 in Tokyo.
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("22:02:07 -- welcome to parley, guest1");
        }
    }

    @Test
    void jlineConsoleReadsLinesAndPrintsEventsAbove() throws Exception {
        try (FakeServer server = new FakeServer()) {
            PipedOutputStream typing = new PipedOutputStream();
            PipedInputStream keyboard = new PipedInputStream(typing);
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            Terminal terminal = TerminalBuilder.builder().system(false).type("dumb")
                    .streams(keyboard, screen).encoding(StandardCharsets.UTF_8).build();
            PlainClient client = new PlainClient("127.0.0.1", server.port(), "alice", NO_WAIT, TOKYO,
                    new JLineConsole(terminal));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(client));

            assertThat(server.nextLine()).isEqualTo("/nick alice");
            server.send(new ChatEvent.Action("lobby", FakeServer.T0, member("bob"), "waves at alice!", false));
            typing.write("wave back!\n".getBytes(StandardCharsets.UTF_8));
            assertThat(server.nextLine()).isEqualTo("wave back!");
            typing.close();     // end of input: the client says /quit and ends when the server closes
            assertThat(server.nextLine()).isEqualTo("/quit");
            assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
            assertThat(screen.toString(StandardCharsets.UTF_8)).contains("22:02:07 127.0.0.1:5000 * bob waves at alice!");
        }
    }

    @Test
    void anUnreachableServerExitsWithOne() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PipedInputStream neverTyped = new PipedInputStream(new PipedOutputStream());
        PlainClient client = new PlainClient("127.0.0.1", closedPort, null, NO_WAIT, TOKYO,
                new StreamConsole(neverTyped, out));

        assertThat(client.run()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("!! cannot connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void aRefusalIsPrintedWithTheServersReason() throws Exception {
        try (FakeServer server = new FakeServer()) {
            server.refuseWith(Admission.TOO_MANY_FROM_YOU);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PipedInputStream neverTyped = new PipedInputStream(new PipedOutputStream());
            PlainClient client = new PlainClient("127.0.0.1", server.port(), null, NO_WAIT, TOKYO,
                    new StreamConsole(neverTyped, out));

            assertThat(client.run()).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("!! cannot connect to 127.0.0.1:" + server.port()
                    + ": too many connections from your address");
        }
    }

    private static int run(PlainClient client) {
        try {
            return client.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
