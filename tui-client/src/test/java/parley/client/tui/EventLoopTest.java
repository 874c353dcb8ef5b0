package parley.client.tui;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import parley.client.testing.KeyQueueTerminal;
import com.googlecode.lanterna.input.KeyStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import parley.client.net.LinkState;
import parley.client.state.ClientState;
import parley.client.state.LogEntry;
import parley.client.state.MessageLog;

/**
 * Server events through the real {@link FullScreenClient#run()} loop, the test thread playing the link's reader
 * thread: whatever the loop was doing when a burst came (usually waiting for one), the burst is handled whole and
 * in the order it was received.
 */
class EventLoopTest {

    private static final int BURSTS = 200;
    private static final int BURST = 10;

    private final KeyQueueTerminal terminal = new KeyQueueTerminal(new TerminalSize(60, 16));
    private final ClientState state = new ClientState(Harness.ZONE, "127.0.0.1:7000", MessageLog.DEFAULT_CAPACITY, 10);
    private final FullScreenClient client;

    EventLoopTest() throws IOException {
        client = new FullScreenClient(new TerminalScreen(terminal), state, Clock.fixed(Harness.T0, Harness.ZONE),
                line -> true);
    }

    @Test
    void burstsReachTheStateCompleteAndInOrderEvenTheOneEndingWithTheClose() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(this::run);
        client.changed(LinkState.CONNECTED, "");
        client.received(Harness.welcome("alice", 0));
        List<String> sent = new ArrayList<>();
        for (int b = 0; b < BURSTS; b++) {
            for (int i = 0; i < BURST; i++) {
                String text = String.format("m%05d", sent.size());
                sent.add(text);
                client.received(Harness.says("bob", text, 1));
            }
            if (b < BURSTS - 1) {
                // Let the loop handle it and go back to waiting, so the next burst wakes it up.
                String last = sent.get(sent.size() - 1);
                await().atMost(5, SECONDS).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> screenText().contains(last));
            }
        }
        client.changed(LinkState.CLOSED, "");   // right behind the last burst, as after a /quit

        assertThat(exit.get(5, SECONDS)).isZero();
        // The loop has ended (the future's completion orders its writes before these reads).
        List<String> handled = new ArrayList<>();
        for (int i = 0; i < state.log().size(); i++) {
            LogEntry e = state.log().get(i);
            if (e.kind() == LogEntry.Kind.MESSAGE) {
                handled.add(e.body());
            }
        }
        assertThat(handled).as("%d of %d handled, %d adjacent pairs out of order", handled.size(), sent.size(),
                descents(handled)).containsExactlyElementsOf(sent);
    }

    @Test
    void anIdleClientSleepsUntilAKeyOrAnEventArrives() throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(this::run);
        client.changed(LinkState.CONNECTED, "");
        client.received(Harness.welcome("alice", 0));
        await().atMost(5, SECONDS).until(() -> screenText().contains("welcome, alice"));
        long awake = client.wakeups();

        // Nothing happens for half a second: the loop must not wake (it used to, 70 times a second).
        await().during(Duration.ofMillis(500)).atMost(2, SECONDS).until(() -> client.wakeups() == awake);

        terminal.addInput(new KeyStroke('x', false, false));
        await().atMost(5, SECONDS).until(() -> client.state().input().text().equals("x"));
        assertThat(client.wakeups()).isEqualTo(awake + 1);
        client.received(Harness.says("bob", "hello", 1));
        await().atMost(5, SECONDS).until(() -> screenText().contains("hello"));
        assertThat(client.wakeups()).isEqualTo(awake + 2);

        terminal.addInput(new KeyStroke('c', true, false));     // Ctrl-C
        assertThat(exit.get(5, SECONDS)).isZero();
    }

    private static long descents(List<String> texts) {
        long n = 0;
        for (int i = 1; i < texts.size(); i++) {
            if (texts.get(i).compareTo(texts.get(i - 1)) < 0) {
                n++;
            }
        }
        return n;
    }

    private int run() {
        try {
            return client.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String screenText() {
        StringBuilder out = new StringBuilder();
        TerminalSize size = terminal.getTerminalSize();
        for (int r = 0; r < size.getRows(); r++) {
            for (int c = 0; c < size.getColumns(); c++) {
                out.append(terminal.getCharacter(c, r).getCharacterString());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
