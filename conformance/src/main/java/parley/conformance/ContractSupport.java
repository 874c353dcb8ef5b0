package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import parley.core.ChatCore;
import parley.core.CoreSettings;
import parley.core.ServerLog;
import parley.server.RunningServer;
import parley.server.ServerBackend;
import parley.server.ServerSettings;

/**
 * What every contract needs: the backend under test started on 127.0.0.1:0 with a fixed-clock core, the
 * clients a test makes, and everything closed after each test.
 */
@Timeout(120)
abstract class ContractSupport {

    /** Every timestamp the server writes is this one: 14:02:07. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:02:07Z"), ZoneOffset.UTC);

    private static final Pattern MESSAGE = Pattern.compile("^\\[\\d\\d:\\d\\d:\\d\\d] (\\(history\\) )?<[^ >]+@[^ >]+> ");

    private final List<ChatClient> clients = new ArrayList<>();
    RunningServer server;
    ChatCore core;

    /** The backend under test. */
    protected abstract ServerBackend backend();

    @AfterEach
    void stopEverything() throws IOException {
        for (ChatClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.shutdown(Duration.ofSeconds(2));
        }
    }

    InetSocketAddress start(ServerSettings settings) throws IOException {
        return start(settings, CoreSettings.defaults());
    }

    InetSocketAddress start(ServerSettings settings, CoreSettings chat) throws IOException {
        return start(settings, new ChatCore(CLOCK, ServerLog.silent(), chat));
    }

    /** With the core logging to {@code coreLog}. */
    InetSocketAddress start(ServerSettings settings, ServerLog coreLog) throws IOException {
        return start(settings, new ChatCore(CLOCK, coreLog));
    }

    InetSocketAddress start(ServerSettings settings, ChatCore chat) throws IOException {
        core = chat;
        server = backend().start(settings, core);
        return server.address();
    }

    InetSocketAddress start() throws IOException {
        return start(ServerSettings.forTests());
    }

    /** Connects and waits for the welcome, so nicks are given out in the order clients are made. */
    ChatClient join(InetSocketAddress address) throws IOException {
        ChatClient c = connect(address);
        c.awaitContaining("welcome to parley");
        return c;
    }

    /** Connects without waiting for anything; closed after the test. */
    ChatClient connect(InetSocketAddress address) throws IOException {
        return connect(ChatClient.connect(address));
    }

    /** Closes {@code c} after the test. */
    ChatClient connect(ChatClient c) {
        clients.add(c);
        return c;
    }

    /**
     * Talks in a room where one member never reads, until the server closes that member with {@code reason};
     * checks that the listener, who reads, got every line in order.
     */
    static void talkUntilTheStuckOneLeaves(ChatClient talker, ChatClient listener, String reason) throws IOException {
        String payload = " " + "z".repeat(3900);
        int sent = 0;
        // Kernel buffers absorb an unknown amount first (bounded: 40 MB at most). A batch (20 kB) stays
        // below every limit, so the clients that do read are never over one, however slowly they run.
        while (listener.seen().stream().noneMatch(l -> l.contains("left #lobby")) && sent < 10_000) {
            for (int i = 0; i < 5; i++, sent++) {
                talker.send(sent + payload);
            }
            String last = "> " + (sent - 1) + " ";
            talker.awaitContaining(last);
            listener.awaitContaining(last);
        }
        assertThat(listener.seen()).anyMatch(l -> l.contains("left #lobby") && l.contains(reason));
        List<Integer> received = listener.seen().stream().filter(ContractSupport::isMessage)
                .map(l -> Integer.parseInt(textOf(l).substring(0, textOf(l).indexOf(' '))))
                .collect(Collectors.toList());
        assertThat(received).isEqualTo(IntStream.range(0, sent).boxed().collect(Collectors.toList()));
    }

    /** A room message, {@code [time] <nick@address> text}, as opposed to a notice. */
    static boolean isMessage(String line) {
        return MESSAGE.matcher(line).find();
    }

    /** The text of a room message line. */
    static String textOf(String messageLine) {
        return messageLine.substring(messageLine.indexOf("> ") + 2);
    }
}
