package parley.threaded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.conformance.ChatClient;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.server.ConnectionThreads;
import parley.server.RunningServer;
import parley.server.ServerSettings;

/**
 * What only the threaded backend promises: a reader and a writer thread per connection, virtual where the JVM
 * has them, gone when the connection is; a writer that has had nothing to write for its linger time ends, and
 * the next line starts another; and a writer blocked on one client holds up nobody else.
 */
class ConnectionThreadingTest {

    /** This test's own name for connection threads, so other servers' threads in this JVM never count. */
    private static final String PREFIX = "threading-test";
    private static final String LINGER_PREFIX = "linger-test";

    private RunningServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        ConnectionThreads threads = ConnectionThreads.create(PREFIX);
        server = start(threads, ThreadedBackend.writerLinger(threads));
        address = server.address();
    }

    private static ThreadedServer start(ConnectionThreads threads, Duration writerLinger) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        ThreadedServer threaded = new ThreadedServer(listener, null, null, ServerSettings.forTests(),
                new ChatCore(Clock.systemUTC(), ServerLog.silent()), threads, writerLinger);
        threaded.start();
        return threaded;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachConnectionHasTwoThreadsVirtualOnJava21AndNoneOutlivesIt() throws IOException {
        // The threads of an earlier test's connections end after its server closed: count from none.
        await().until(() -> platformConnectionThreads() == 0);
        long before = platformConnectionThreads();
        ChatClient a = ChatClient.connect(address);
        ChatClient b = ChatClient.connect(address);
        a.awaitContaining("welcome");
        b.awaitContaining("welcome");
        a.send("hello");
        b.awaitContaining("> hello");
        if (Runtime.version().feature() >= 21) {
            assertThat(platformConnectionThreads()).as("virtual threads are not platform threads").isEqualTo(before);
        } else {
            assertThat(platformConnectionThreads()).as("a reader and a writer each").isEqualTo(before + 4);
        }
        a.close();
        b.close();
        await().until(() -> server.connectionCount() == 0);
        await().until(() -> platformConnectionThreads() == before);
    }

    @Test
    void aWriterBlockedOnAClientThatStoppedReadingHoldsUpNobodyElse() throws IOException {
        ChatClient a = ChatClient.connect(address);
        a.awaitContaining("welcome");
        ChatClient stuck = ChatClient.connectNotReading(address, 2048);
        a.awaitContaining("joined");
        for (int i = 0; server.queuedBytes() < 256 * 1024; i++) { // the stuck client's writer is now blocked
            assertThat(i).isLessThan(5_000);
            a.send("filler " + i + " " + "0123456789".repeat(300));
            a.awaitContaining("filler " + i + " ");
        }
        ChatClient b = ChatClient.connect(address);
        b.awaitContaining("welcome");
        a.send("/who");
        assertThat(a.awaitContaining("people:")).contains("3 people");
        a.send("still talking");
        assertThat(b.awaitContaining("> still talking")).contains("<guest1@");
        assertThat(server.connectionCount()).isEqualTo(3);
        stuck.close();
        b.close();
        a.close();
    }

    @Test
    void anIdleWriterEndsAndTheNextLineStartsAnother() throws IOException {
        // Platform threads, which can be counted on any JVM; the linger is what virtual writers get in production
        // but shorter, so the test does not wait long.
        try (RunningServer lingering = start(ConnectionThreads.platform(LINGER_PREFIX), Duration.ofMillis(200))) {
            ChatClient a = ChatClient.connect(lingering.address());
            a.awaitContaining("welcome");
            await().until(() -> threadsNamed(LINGER_PREFIX) == 1); // the reader; the writer wrote and ended
            ChatClient b = ChatClient.connect(lingering.address());
            assertThat(a.awaitContaining("-> guest2 (")).contains("joined #lobby"); // the next line: a new writer
            b.send("hello");
            assertThat(a.awaitContaining("> hello")).contains("<guest2@");
            await().until(() -> threadsNamed(LINGER_PREFIX) == 2); // two readers, both writers ended again
            a.send("/who");
            assertThat(a.awaitContaining("people:")).contains("2 people");
            b.close();
            a.close();
            await().until(() -> lingering.connectionCount() == 0);
            await().until(() -> threadsNamed(LINGER_PREFIX) == 0);
        }
    }

    @Test
    void aWriterThatKeepsWritingOutlivesItsLingerManyTimesOver() throws IOException {
        try (RunningServer lingering = start(ConnectionThreads.platform(LINGER_PREFIX), Duration.ofMillis(300))) {
            ChatClient a = ChatClient.connect(lingering.address());
            a.awaitContaining("welcome");
            a.send("first");
            a.awaitContaining("> first");
            Set<String> threads = threadNames(LINGER_PREFIX);
            assertThat(threads).as("a reader and a writer").hasSize(2);
            long end = System.nanoTime() + Duration.ofMillis(1500).toNanos(); // five linger times
            for (int i = 0; System.nanoTime() < end; i++) {
                a.send("line " + i);
                a.awaitContaining("> line " + i);
                assertThat(threadNames(LINGER_PREFIX)).as("the same writer, never ended and started again")
                        .isEqualTo(threads);
            }
            a.close();
        }
    }

    private static Set<String> threadNames(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith(prefix + "-")).collect(Collectors.toSet());
    }

    private static long platformConnectionThreads() {
        return threadsNamed(PREFIX);
    }

    private static long threadsNamed(String prefix) {
        List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
        return names.stream().filter(n -> n.startsWith(prefix + "-")).count();
    }
}
