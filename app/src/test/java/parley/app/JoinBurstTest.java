package parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.conformance.ChatClient;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.protocol.WireMode;
import parley.server.Backends;
import parley.server.RunningServer;
import parley.server.ServerSettings;

/**
 * The smallest {@code --max-outbound} the server accepts for a {@code --max-line} really holds what joining
 * sends: the welcome, the member list and a full history of the longest lines, twice for a client that asks
 * for machine mode at once (as the full-screen client does).
 */
@Timeout(120)
class JoinBurstTest {

    private static final int MAX_LINE = 64;
    private static final int MAX_CLIENTS = 30;

    @ParameterizedTest
    @ValueSource(strings = {"selector", "threaded"})
    void machineModeNewcomersAreWelcomedWithTheSmallestAcceptedLimit(String backend) throws IOException {
        long limit = ServerOptions.newcomerBurstBytes(MAX_LINE, MAX_CLIENTS);
        ServerSettings settings = ServerSettings.forTests().withLimits(l -> l.withMaxLineBytes(MAX_LINE)
                .withMaxOutboundBytes(limit).withConnectionCaps(MAX_CLIENTS, 0));
        ChatCore core = new ChatCore(Clock.fixed(Instant.parse("2026-11-26T14:02:07Z"), ZoneOffset.UTC),
                ServerLog.silent());
        RunningServer server = Backends.discover().find(backend).orElseThrow().start(settings, core);
        List<ChatClient> clients = new ArrayList<>();
        try {
            InetSocketAddress address = server.address();
            ChatClient talker = ChatClient.connect(address);
            clients.add(talker);
            talker.awaitContaining("welcome");
            // A full history of the longest lines, each byte invalid UTF-8: three bytes each once cleaned.
            byte[] worst = new byte[MAX_LINE + 1];
            java.util.Arrays.fill(worst, (byte) 0xff);
            worst[MAX_LINE] = '\n';
            for (int i = 0; i < 50; i++) {
                talker.sendRaw(worst);
            }
            talker.send("history is full");
            talker.awaitContaining("> history is full");
            for (int i = 0; i < 20; i++) {
                ChatClient newcomer = ChatClient.connect(address);
                clients.add(newcomer);
                newcomer.sendRaw((WireMode.MACHINE_HELLO + "\n").getBytes(StandardCharsets.UTF_8));
                newcomer.await(l -> l.startsWith("welcome\t"), "the machine-mode welcome");
            }
            talker.send("/who");
            talker.awaitContaining("in #lobby: 21 people");
            await().until(() -> server.connectionCount() == 21);
        } finally {
            for (ChatClient c : clients) {
                c.close();
            }
            server.close();
        }
    }
}
