package parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.client.net.LinkListener;
import parley.client.net.LinkState;
import parley.client.net.ServerLink;
import parley.client.state.ClientState;
import parley.client.state.MessageLog;
import parley.conformance.ChatClient;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.protocol.ChatEvent;
import parley.server.Backends;
import parley.server.RunningServer;
import parley.server.ServerSettings;

/**
 * The client's catch-up against a real server, on both backends: its connection is cut mid-chat, bob goes on
 * talking, it reconnects while bob is still talking, and it shows every one of bob's lines exactly once and in
 * the order he said them.
 *
 * <pre>
 *  ServerLink (alice) --> Relay (cut by the test) --> server (in-process) <-- ChatClient (bob)
 * </pre>
 */
@Timeout(120)
class CatchUpTest {

    /** What the link hands to the UI, in order, for the test thread to apply to a ClientState. */
    private final BlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<LinkState> states = new LinkedBlockingQueue<>();
    private final List<String> bobSaid = new ArrayList<>();

    private final LinkListener listener = new LinkListener() {
        @Override
        public void received(ChatEvent event) {
            events.add(event);
        }

        @Override
        public void changed(LinkState state, String detail) {
            states.add(state);
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"selector", "threaded"})
    void aCutConnectionCatchesUpOnEveryLineOnceAndInOrder(String backend) throws Exception {
        RunningServer server = Backends.discover().find(backend).orElseThrow()
                .start(ServerSettings.forTests(), new ChatCore(Clock.systemUTC(), ServerLog.silent()));
        CountDownLatch mayReconnect = new CountDownLatch(1);
        try (Relay relay = new Relay(server.address());
             ChatClient bob = ChatClient.connect(server.address())) {
            bob.send("/nick bob");
            bob.awaitContaining("is now known as bob");
            ServerLink link = new ServerLink("127.0.0.1", relay.port(), "alice", attempt -> {
                awaitQuietly(mayReconnect);     // the test says when the client may come back
                return Optional.of(Duration.ZERO);
            }, listener);
            link.start();
            try {
                bob.awaitContaining("is now known as alice");
                say(bob, "before", 5);
                await().until(() -> events.stream().anyMatch(e -> said(e, "before 4")));

                relay.cut();
                bob.awaitContaining("<- alice (");
                say(bob, "away", 12);
                mayReconnect.countDown();
                say(bob, "back", 8);      // races the reconnect and its catch-up: some before it, some after
                await().atMost(30, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> said(e, "back 7")));
            } finally {
                link.close();
                link.join(Duration.ofSeconds(5));
            }
        } finally {
            server.close();
        }

        List<ChatEvent> all = List.copyOf(events);
        assertThat(all.stream().filter(e -> e instanceof ChatEvent.Message m && m.from().nick().equals("bob"))
                .map(e -> ((ChatEvent.Message) e).text()).toList())
                .as("every line of bob's once, in order").isEqualTo(bobSaid);
        assertThat(all).anyMatch(e -> e instanceof ChatEvent.Info i && i.text().matches("\\d+ messages while you were away"));

        // What the person sees: the same lines once each, in order, and the note.
        ClientState state = new ClientState(ZoneOffset.UTC, "relay");
        all.forEach(state::onEvent);
        MessageLog log = state.log();
        List<String> shown = IntStream.range(0, log.size()).mapToObj(i -> log.get(i).body())
                .filter(body -> body.matches("(before|away|back) \\d+")).toList();
        assertThat(shown).isEqualTo(bobSaid);
        assertThat(IntStream.range(0, log.size()).mapToObj(i -> log.get(i).body()))
                .anyMatch(body -> body.endsWith("messages while you were away"));
    }

    private void say(ChatClient bob, String word, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            String text = word + " " + i;
            bob.send(text);
            bob.awaitContaining("> " + text);       // relayed: the server has given it its id
            bobSaid.add(text);
        }
    }

    private static boolean said(ChatEvent e, String text) {
        return e instanceof ChatEvent.Message m && m.text().equals(text);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
