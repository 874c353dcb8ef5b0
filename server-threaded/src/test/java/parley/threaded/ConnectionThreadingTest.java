package parley.threaded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * has them, gone when the connection is; a writer that ends when it has nothing left to write (virtual ones do)
 * leaves no line behind, the next line starting another; one that does not end stays the same thread; and a
 * writer blocked on one client holds up nobody else.
 */
class ConnectionThreadingTest {

    /** This test's own name for connection threads, so other servers' threads in this JVM never count. */
    private static final String PREFIX = "threading-test";
    private static final String ENDING_PREFIX = "ending-test";

    private RunningServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        ConnectionThreads threads = ConnectionThreads.create(PREFIX);
        server = start(threads, ThreadedBackend.writersEndWhenIdle(threads));
        address = server.address();
    }

    private static ThreadedServer start(ConnectionThreads threads, boolean writersEndWhenIdle) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        ThreadedServer threaded = new ThreadedServer(listener, null, null, ServerSettings.forTests(),
                new ChatCore(Clock.systemUTC(), ServerLog.silent()), threads, writersEndWhenIdle);
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
        // Platform threads, which can be counted on any JVM, told to end as virtual writers do in production.
        try (RunningServer ending = start(ConnectionThreads.platform(ENDING_PREFIX), true)) {
            ChatClient a = ChatClient.connect(ending.address());
            a.awaitContaining("welcome");
            await().until(() -> threadsNamed(ENDING_PREFIX) == 1); // the reader; the writer wrote and ended
            ChatClient b = ChatClient.connect(ending.address());
            assertThat(a.awaitContaining("-> guest2 (")).contains("joined #lobby"); // the next line: a new writer
            b.send("hello");
            assertThat(a.awaitContaining("> hello")).contains("<guest2@");
            await().until(() -> threadsNamed(ENDING_PREFIX) == 2); // two readers, both writers ended again
            a.send("/who");
            assertThat(a.awaitContaining("people:")).contains("2 people");
            b.close();
            a.close();
            await().until(() -> ending.connectionCount() == 0);
            await().until(() -> threadsNamed(ENDING_PREFIX) == 0);
        }
    }

    @Test
    void writersThatEndWhenIdleLeaveNoLineBehindAndKeepEachSendersOrder() throws IOException {
        // Two senders, lines offered while a writer is writing, finding it gone, or ending: every line arrives,
        // each sender's in order, and afterwards only the readers are left.
        try (RunningServer ending = start(ConnectionThreads.platform(ENDING_PREFIX), true)) {
            ChatClient a = ChatClient.connect(ending.address());
            ChatClient b = ChatClient.connect(ending.address());
            ChatClient listener = ChatClient.connect(ending.address());
            listener.awaitContaining("in #lobby: 3 people"); // a and b joined first
            int lines = 300;
            for (int i = 0; i < lines; i++) {
                a.send("from-a " + i);
                b.send("from-b " + i);
            }
            int[] heard = {0};
            listener.await(l -> l.contains("> from-") && ++heard[0] == 2 * lines, "both senders' every line");
            for (String sender : List.of("from-a ", "from-b ")) {
                List<String> numbers = listener.seen().stream().filter(l -> l.contains("> " + sender))
                        .map(l -> l.substring(l.indexOf("> " + sender) + 2 + sender.length())).toList();
                assertThat(numbers).as(sender).containsExactlyElementsOf(
                        IntStream.range(0, lines).mapToObj(Integer::toString).toList());
            }
            await().until(() -> threadsNamed(ENDING_PREFIX) == 3);
            a.close();
            b.close();
            listener.close();
        }
    }

    @Test
    void aWriterThatDoesNotEndWhenIdleStaysTheSameThread() throws IOException {
        // Java 17's platform writers: started once, then waiting for work between lines for as long as it takes.
        try (RunningServer staying = start(ConnectionThreads.platform(ENDING_PREFIX), false)) {
            ChatClient a = ChatClient.connect(staying.address());
            a.awaitContaining("welcome");
            a.send("first");
            a.awaitContaining("> first");
            Set<String> threads = threadNames(ENDING_PREFIX);
            assertThat(threads).as("a reader and a writer").hasSize(2);
            for (int i = 0; i < 20; i++) {
                a.send("line " + i);
                a.awaitContaining("> line " + i);
                assertThat(threadNames(ENDING_PREFIX)).as("the same writer, never ended and started again")
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
