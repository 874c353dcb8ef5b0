package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Drives a short room run through the real load generator against a real server and checks it exactly:
 * every member got every message of every sender, in order, and latencies were recorded.
 */
final class RoomDrive {

    private RoomDrive() {
    }

    /** Fixed rate: each of {@code senders} sends exactly {@code each} messages, {@code periodMillis} apart. */
    static void fixedRate(InetSocketAddress server, WireAdapter adapter, int clients, int senders, int each)
            throws IOException, InterruptedException {
        long period = 2_000_000;
        run(server, adapter, clients, senders, new SendPlan(true, period, 1, System.nanoTime(), 0, 0, each * period),
                each);
    }

    /** Window mode: every client sends with {@code window} in flight for {@code millis}. */
    static void window(InetSocketAddress server, WireAdapter adapter, int clients, int window, long millis)
            throws IOException, InterruptedException {
        run(server, adapter, clients, clients,
                new SendPlan(false, 0, window, System.nanoTime(), 0, 0, millis * 1_000_000), -1);
    }

    private static void run(InetSocketAddress server, WireAdapter adapter, int clients, int senders, SendPlan plan,
                            long each) throws IOException, InterruptedException {
        RunState state = new RunState(adapter, new Payload(0x5eed, 48), senders);
        try (LoadEngine engine = new LoadEngine(state, server, 2)) {
            for (int i = 0; i < clients; i++) {
                engine.connect(new LoadClient(i, LoadClient.Role.MEMBER, i < senders ? i : -1, "bench-t"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> state.ready() == clients);
            SendPlan started = new SendPlan(plan.rate(), plan.periodNanos(), plan.window(), System.nanoTime(),
                    plan.sendStart(), plan.measureStart(), plan.measureEnd());
            engine.startSending(started);
            await().atMost(Duration.ofSeconds(60)).until(engine::drained);
            engine.stop();

            assertThat(state.errors()).isEmpty();
            long total = 0;
            long[] sent = new long[senders];
            for (LoadClient c : engine.clients()) {
                if (c.senderId() >= 0) {
                    sent[c.senderId()] = c.sent();
                    total += c.sent();
                    if (each >= 0) {
                        assertThat(c.sent()).isEqualTo(each);
                    }
                }
            }
            assertThat(total).isPositive();
            for (LoadClient c : engine.clients()) {
                assertThat(c.isClosed()).isFalse();
                for (int s = 0; s < senders; s++) {
                    assertThat(c.checker().lost(s, sent[s])).as("client %d from sender %d", c.index, s).isZero();
                }
                assertThat(c.checker().reordered()).isZero();
                assertThat(c.checker().received()).isEqualTo(total);
            }
            assertThat(engine.latency().count()).isEqualTo(engine.deliveredInWindow()).isPositive()
                    .isLessThanOrEqualTo(total * clients);
            assertThat(engine.sentInWindow()).isPositive().isLessThanOrEqualTo(total);
            // A message cannot arrive before it was sent: a latency at the clamp (1 ns) would mean a send time
            // stamped later than the real send. (A lower bound only: a slow machine cannot make this fail.)
            assertThat(engine.latency().percentileMillis(0)).as("the smallest latency, ms").isGreaterThan(0.001);
        }
    }
}
