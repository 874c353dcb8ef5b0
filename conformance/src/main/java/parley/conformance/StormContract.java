package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import parley.core.ChatCore;
import parley.core.CoreSettings;
import parley.core.MutableClock;
import parley.core.RateLimit;
import parley.core.ServerLog;
import parley.core.SessionLimits;
import parley.server.Arrivals;
import parley.server.ConnectRate;
import parley.server.ServerSettings;

/**
 * Hostile crowds, the same in every backend: connections arriving too fast, connections that never say a
 * word, bursts from many senders at once, private messages aimed at one reader, and a nick taken over while
 * messages to its last holder wait. Nobody well-behaved is closed, nothing is lost, and the attackers are told
 * why. A backend runs it with a one-line subclass, like {@link BackendContract}.
 */
public abstract class StormContract extends ContractSupport {

    private static final long KIB = 1024;
    private static final String TOO_MUCH = "victim is receiving more private messages than they can read";

    @Test
    void connectionsArrivingTooFastAreRefusedWithOneLineCountedAndNotLoggedOneByOne() throws IOException {
        List<String> log = new CopyOnWriteArrayList<>();
        // Three at once from one address, then (practically) never again during the test.
        ConnectRate.Limits rate = new ConnectRate.Limits(RateLimit.OFF, new RateLimit(0.001, 3), RateLimit.OFF);
        InetSocketAddress address = start(ServerSettings.forTests().withArrivals(Arrivals.defaults().withRate(rate))
                .withLog(log::add));
        for (int i = 0; i < 3; i++) {
            join(address);
        }
        for (int i = 0; i < 5; i++) {
            ChatClient refused = connect(address);
            assertThat(refused.readToEnd()).singleElement().asString().endsWith("!! " + ConnectRate.TOO_FAST);
        }
        ChatClient elsewhere = connect(ChatClient.connectFrom(address, InetAddress.getByName("127.0.0.2")));
        elsewhere.awaitContaining("welcome to parley");
        assertThat(server.refusals().tooFast()).isEqualTo(5);
        assertThat(server.connectionCount()).isEqualTo(4);
        assertThat(log).noneMatch(l -> l.contains("refused"));
    }

    @Test
    void aConnectionThatSendsNoLineIsClosedAfterTheIdleTimeoutAndToldWhy() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T07:00:00Z"), ZoneOffset.UTC);
        InetSocketAddress address = start(ServerSettings.forTests(),
                new ChatCore(clock, ServerLog.silent(), CoreSettings.defaults()));
        ChatClient silent = join(address);
        ChatClient talker = join(address);
        talker.send("here");
        talker.awaitContaining("> here");
        clock.advance(SessionLimits.DEFAULT_IDLE_TIMEOUT.plusSeconds(1)); // the server's tick sees it within a second
        assertThat(silent.readToEnd()).last().asString().endsWith("!! no line received in 60 s; closing");
        talker.send("still here");
        talker.awaitContaining("> still here");
        assertThat(talker.seen()).anyMatch(l -> l.contains("left #lobby (no line received in 60 s; closing)"));
    }

    /**
     * Issue 16's burst: 26 readers in one room, 25 of them sending a burst of 400-byte lines all at once within
     * their flood control. The server may fall behind its own writes, but that is its backlog, not the readers':
     * nobody is closed and the observer gets every line.
     */
    @Test
    void burstsFromManySendersCloseNoReaderAndTheObserverGetsEveryLine() throws IOException {
        int senders = 25;
        int burst = 400;
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withRateLimit(new RateLimit(200,
                burst)).withMaxOutboundBytes(1024 * KIB).withSoftOutbound(256 * KIB, Duration.ofSeconds(10))));
        ChatClient observer = join(address);
        List<ChatClient> talkers = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            talkers.add(join(address));
        }
        String padding = "p".repeat(400);
        for (int t = 0; t < senders; t++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < burst; i++) {
                lines.append(t).append('/').append(i).append(' ').append(padding).append('\n');
            }
            talkers.get(t).sendRaw(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (ChatClient reader : talkers) {
            awaitMessages(reader, senders * burst);
        }
        awaitMessages(observer, senders * burst);
        assertThat(observer.seen()).noneMatch(l -> l.contains("left #lobby"));
        assertThat(server.connectionCount()).isEqualTo(senders + 1);
    }

    /** Waits until {@code reader} has received {@code count} room messages in all. */
    private static void awaitMessages(ChatClient reader, int count) {
        int[] seen = {(int) reader.seen().stream().filter(ContractSupport::isMessage).count()};
        if (seen[0] < count) {
            reader.await(l -> isMessage(l) && ++seen[0] == count, count + " messages");
        }
    }

    /**
     * Issue 16's targeted kick: 16 connections, each within its own rate limit, aim 4,000-byte private messages
     * at one reader who is not reading. The recipient's cap holds what reaches it to a burst: the senders are
     * told, the reader is never pushed over its output limit, and gets what was sent to it once it reads.
     */
    @Test
    void sixteenSendersWithinTheirRateLimitCannotGetARecipientClosed() throws IOException {
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withRateLimit(new RateLimit(20, 40))
                .withMaxOutboundBytes(256 * KIB).withSoftOutbound(64 * KIB, Duration.ofSeconds(60))));
        ChatClient victim = connect(ChatClient.connectNotReading(address, 8 * 1024));
        victim.send("/nick victim");
        List<ChatClient> senders = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            senders.add(join(address));
        }
        ChatClient first = senders.get(0);
        await().atMost(ChatClient.PATIENCE).until(() -> {
            first.send("/msg victim ready?");
            return first.await(l -> l.contains("-> victim*") || l.contains("no one here is called victim"),
                    "an answer about victim").contains("-> victim*");
        });
        String big = "k".repeat(4000);
        for (ChatClient s : senders) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                lines.append("/msg victim ").append(i).append(' ').append(big).append('\n');
            }
            s.sendRaw(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        int refused = 0;
        int delivered = 1; // the "ready?" above
        for (ChatClient s : senders) {
            for (int i = 0; i < 30; i++) {
                String answer = s.await(l -> l.contains("-> victim*") || l.contains(TOO_MUCH), "an answer about victim");
                if (answer.contains(TOO_MUCH)) {
                    refused++;
                } else {
                    delivered++;
                }
            }
        }
        assertThat(refused).as("the cap held").isGreaterThan(400);
        victim.startReading();
        victim.send("/stats");
        victim.awaitContaining("stats:");
        assertThat(victim.seen().stream().filter(l -> l.contains("-> victim*")).count()).isEqualTo(delivered);
        assertThat(victim.seen()).noneMatch(l -> l.contains("slow consumer"));
    }

    @Test
    void aPrivateMessageWaitingBehindFloodControlNeverReachesTheNextHolderOfTheNick() throws IOException {
        MutableClock serverClock = new MutableClock(Instant.parse("2026-11-29T07:00:00Z"), ZoneOffset.UTC);
        InetSocketAddress address = start(ServerSettings.forTests().withClock(serverClock)
                        .withLimits(l -> l.withRateLimit(new RateLimit(1, 1))),
                CoreSettings.defaults().withSessionLimits(SessionLimits.defaults().withNickDelay(Duration.ZERO)));
        ChatClient alice = join(address);
        ChatClient bob = join(address);
        ChatClient mallory = connect(ChatClient.connectFrom(address, InetAddress.getByName("127.0.0.2")));
        mallory.awaitContaining("welcome to parley");
        bob.send("/nick bob");
        bob.awaitContaining("is now known as bob");
        // One token each, and the clock stands still: the second line is read now and waits.
        alice.send("/msg bob first\n/msg bob second");
        bob.awaitContaining("-> bob* first");
        await().atMost(ChatClient.PATIENCE).until(() -> core.privateMessagesWaiting() == 1);
        bob.close();
        mallory.awaitContaining("left #lobby");
        mallory.send("/nick bob");
        mallory.awaitContaining("is now known as bob");
        serverClock.advance(Duration.ofSeconds(1)); // alice's second line goes through now
        alice.awaitContaining("bob left before your message could be delivered; it was not sent");
        serverClock.advance(Duration.ofSeconds(1));
        alice.send("/msg bob third, for the new bob");
        mallory.awaitContaining("-> bob* third");
        assertThat(mallory.seen()).noneMatch(l -> l.contains("second"));
        assertThat(core.privateMessagesWaiting()).isZero();
    }

    /**
     * A reader in another room stops reading until half the output budget is held for it: the server sheds
     * (a newcomer's history replay and /history are refused as busy) and closes nobody; once the reader reads
     * again, history is served again.
     */
    @Test
    void underOutputPressureHistoryIsRefusedAsBusyAndNobodyIsClosed() throws IOException {
        long budget = 8 * KIB * KIB;
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withMaxOutputMemory(budget)
                .withMaxOutboundBytes(budget).withSoftOutbound(budget, Duration.ofSeconds(60))));
        ChatClient talker = join(address);
        talker.send("remember this");
        talker.awaitContaining("> remember this");
        ChatClient stalled = connect(ChatClient.connectNotReading(address, 4096));
        stalled.send("/join quiet");
        ChatClient speaker = join(address);
        speaker.send("/join quiet");
        speaker.awaitContaining("you are now in #quiet");
        String big = "s".repeat(4000);
        for (int batch = 0; !server.outputMemory().underPressure(); batch++) {
            assertThat(batch).as("the stalled reader's queue reaches half the budget").isLessThan(100);
            for (int i = 0; i < 50; i++) {
                speaker.send(batch + "/" + i + " " + big);
            }
            speaker.awaitContaining("> " + batch + "/49 ");
        }
        ChatClient newcomer = join(address);
        newcomer.awaitContaining("!! " + ChatCore.BUSY);
        assertThat(newcomer.seen()).noneMatch(l -> l.contains("remember this"));
        newcomer.send("/history");
        newcomer.awaitContaining("!! " + ChatCore.BUSY);
        stalled.startReading();
        await().atMost(ChatClient.PATIENCE).until(() -> !server.outputMemory().underPressure());
        newcomer.send("/history");
        newcomer.awaitContaining("remember this");
        stalled.send("/stats");
        stalled.awaitContaining("stats:");
        assertThat(stalled.seen()).noneMatch(l -> l.contains("slow consumer"));
    }

    @Test
    void aNickGivenUpCannotBeTakenFromAnotherAddressAtOnce() throws IOException {
        InetSocketAddress address = start();
        ChatClient bob = join(address);
        bob.send("/nick bob");
        bob.awaitContaining("is now known as bob");
        bob.send("/quit");
        bob.awaitClosedByServer();
        ChatClient mallory = connect(ChatClient.connectFrom(address, InetAddress.getByName("127.0.0.2")));
        mallory.awaitContaining("welcome to parley");
        mallory.send("/nick bob");
        assertThat(mallory.awaitContaining("!!")).contains("nick bob was given up a moment ago");
    }
}
