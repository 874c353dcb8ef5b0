package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import parley.core.RateLimit;
import parley.server.Admission;
import parley.server.ServerSettings;

/**
 * The protections every backend must apply, from the shared policies, seen from the client side: flood
 * control by back-pressure, connection caps, the soft output limit, no leaks, and a shutdown that loses
 * nothing. A backend runs it with a one-line subclass, like {@link BackendContract}.
 */
public abstract class LimitsContract extends ContractSupport {

    @Test
    void aFlooderIsSlowedDownLosesNothingAndDelaysNobodyElse() throws IOException {
        // 60 lines at once against 20 lines/s with a burst of 5: the last one is due after about 2.75 s.
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withRateLimit(new RateLimit(20, 5))));
        ChatClient flooder = join(address);
        ChatClient other = join(address);
        ChatClient observer = join(address);
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            flood.append("flood ").append(i).append('\n');
        }
        flooder.sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8));
        flooder.finishSending(); // the lines it sent still count: its leave comes after the last of them
        List<String> texts = new ArrayList<>();
        texts.add(textOf(observer.awaitContaining("> flood 0")));
        other.send("not waiting for the flood");
        while (!texts.contains("flood 59")) {
            texts.add(textOf(observer.await(ContractSupport::isMessage, "a message")));
        }
        assertThat(texts).filteredOn(t -> t.startsWith("flood "))
                .containsExactlyElementsOf(IntStream.range(0, 60).mapToObj(i -> "flood " + i).collect(Collectors.toList()));
        assertThat(texts.indexOf("not waiting for the flood"))
                .as("the other client's line overtakes the throttled flood").isBetween(0, texts.indexOf("flood 59"));
        observer.awaitContaining("left #lobby");
        assertThat(observer.seen()).noneMatch(l -> l.contains("> flood ") && !texts.contains(textOf(l)));
    }

    @Test
    void aFullServerSaysSoAndAdmitsAgainWhenSomeoneLeaves() throws IOException {
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withConnectionCaps(2, 0)));
        ChatClient a = join(address);
        join(address);
        ChatClient refused = connect(address);
        assertThat(refused.awaitContaining("!!")).endsWith("!! " + Admission.SERVER_FULL);
        refused.awaitClosedByServer();
        a.send("/quit");
        a.awaitClosedByServer();
        await().atMost(ChatClient.PATIENCE).until(() -> server.connectionCount() == 1);
        join(address).send("in at last");
    }

    @Test
    void tooManyConnectionsFromOneAddressAreRefusedOthersAreNot() throws IOException {
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withConnectionCaps(0, 2)));
        join(address);
        join(address);
        ChatClient third = connect(address);
        assertThat(third.awaitContaining("!!")).endsWith("!! " + Admission.TOO_MANY_FROM_YOU);
        third.awaitClosedByServer();
        ChatClient elsewhere = ChatClient.connectFrom(address, InetAddress.getByName("127.0.0.2"));
        try {
            assertThat(elsewhere.awaitContaining("welcome to parley")).isNotEmpty();
        } finally {
            elsewhere.close();
        }
    }

    @Test
    void aClientSlowForLongerThanTheSoftLimitAllowsIsClosed() throws IOException {
        // Far below the hard limit, but above the soft limit for longer than its grace period. The grace is
        // what spares the clients that do read when this machine is too busy to let them keep up for a moment.
        ServerSettings settings = ServerSettings.forTests().withLimits(l -> l.withMaxOutboundBytes(64L * 1024 * 1024)
                .withSoftOutbound(64 * 1024, Duration.ofSeconds(2)));
        assertStuckReaderIsClosed(start(settings), "more than 65536 bytes queued for over 2 s");
    }

    @Test
    void aClientPastTheHardLimitIsClosedAtOnce() throws IOException {
        assertStuckReaderIsClosed(start(ServerSettings.forTests().withLimits(l -> l.withMaxOutboundBytes(256 * 1024))),
                "slow consumer: more than 262144 bytes queued");
    }

    /**
     * Talks in a room where one client never reads until the server closes that client with
     * {@code reason}; everyone who reads gets every line, in order.
     */
    private void assertStuckReaderIsClosed(InetSocketAddress address, String reason) throws IOException {
        ChatClient talker = join(address);
        ChatClient listener = join(address);
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(address);
            talkUntilTheStuckOneLeaves(talker, listener, reason);
        }
    }

    @Test
    void aNewcomerWhoseWelcomeIsBiggerThanItsLimitIsServedAndLeavesNoTrace() throws IOException {
        // History of three 3000-byte lines: a newcomer's welcome burst is larger than its 8 KiB limit. The burst
        // is the server's doing and the newcomer's socket takes it: nobody is to blame, nobody is closed.
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withMaxOutboundBytes(8 * 1024)));
        ChatClient talker = join(address);
        for (int i = 0; i < 3; i++) {
            talker.send(i + " " + "h".repeat(3000));
            talker.awaitContaining(i + " hhh");
        }
        for (int i = 0; i < 20; i++) {
            ChatClient newcomer = connect(address);
            newcomer.awaitContaining("(history) ");
            newcomer.awaitContaining("> 2 hhh");
            newcomer.close();
        }
        await().atMost(ChatClient.PATIENCE).untilAsserted(() -> {
            assertThat(core.sessionCount()).as("sessions").isEqualTo(1);
            assertThat(server.connectionCount()).as("connections").isEqualTo(1);
            assertThat(server.queuedBytes()).as("output held").isZero();
        });
        talker.send("/who");
        assertThat(talker.awaitContaining("in #lobby")).contains("1 person");
    }

    @Test
    void nothingIsLeftBehindOnceEveryoneHasGone() throws IOException {
        InetSocketAddress address = start(ServerSettings.forTests().withLimits(l -> l.withConnectionCaps(30, 0)));
        List<ChatClient> crowd = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            crowd.add(join(address));
        }
        crowd.get(0).send("bye all");
        for (ChatClient c : crowd) {
            c.awaitContaining("> bye all");
        }
        for (int i = 0; i < crowd.size(); i++) {
            if (i % 3 == 0) {
                crowd.get(i).reset();
            } else if (i % 3 == 1) {
                crowd.get(i).send("/quit");
            } else {
                crowd.get(i).close();
            }
        }
        await().atMost(ChatClient.PATIENCE).untilAsserted(() -> {
            assertThat(server.connectionCount()).isZero();
            assertThat(server.queuedBytes()).isZero();
            assertThat(core.sessionCount()).isZero();
        });
        // The caps were released too: a full house can come back.
        for (int i = 0; i < 30; i++) {
            join(address);
        }
    }

    @Test
    void aCrowdWithBadMannersCostsTheWellBehavedNothing() throws Exception {
        // The defaults a real server runs with (rate limit on), but no per-address cap: all come from 127.0.0.1.
        ServerSettings settings = ServerSettings.forTests().withLimits(l -> parley.server.Limits.defaults()
                .withMaxOutboundBytes(256 * 1024).withConnectionCaps(l.maxClients(), 0));
        new Soak(this, start(settings), Soak.seconds()).run(150, 10);
    }

    @Test
    void shutdownDeliversEverythingAcceptedBeforeIt() throws IOException {
        InetSocketAddress address = start();
        ChatClient talker = join(address);
        ChatClient reader = join(address);
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            burst.append("before shutdown ").append(i).append('\n');
        }
        talker.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
        talker.awaitContaining("> before shutdown 1999"); // the server has accepted every line
        server.shutdown(Duration.ofSeconds(10));
        for (int i = 0; i < 2000; i++) {
            String expected = "before shutdown " + i;
            assertThat(textOf(reader.await(ContractSupport::isMessage, "message " + i))).isEqualTo(expected);
        }
        reader.awaitContaining("shutting down");
        reader.awaitClosedByServer();
    }
}
