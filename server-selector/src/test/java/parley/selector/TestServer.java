package parley.selector;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.server.ServerSettings;

/** A selector server on a free loopback port, with its log captured, and the clients it made closed with it. */
final class TestServer implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    private final List<TestClient> clients = new ArrayList<>();
    private final ChatCore core = new ChatCore(CLOCK, log::add); // the core's connects and disconnects too
    private final SelectorServer server;

    TestServer(ServerSettings settings) throws IOException {
        this(settings, LoopTuning.defaults());
    }

    TestServer(ServerSettings settings, LoopTuning tuning) throws IOException {
        ServerLog capture = log::add;
        ServerSettings withLog = settings.withLog(capture);
        this.server = SelectorServer.start(withLog, core, tuning, Optional.empty());
    }

    static ServerSettings settings() {
        return ServerSettings.forTests().withLoops(1);
    }

    TestClient client() throws IOException {
        return remember(TestClient.connect(address()));
    }

    TestClient clientWithReceiveBuffer(int bytes) throws IOException {
        return remember(TestClient.connect(address(), bytes));
    }

    private TestClient remember(TestClient c) {
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    InetSocketAddress address() {
        return server.address();
    }

    SelectorServer server() {
        return server;
    }

    ChatCore core() {
        return core;
    }

    /** Output held for clients and not yet written. */
    long queuedBytes() {
        return server.queuedBytes();
    }

    List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() throws IOException {
        server.shutdown(Duration.ofSeconds(2));
        synchronized (clients) {
            for (TestClient c : clients) {
                c.close();
            }
        }
    }
}
