package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.core.ChatCore;
import parley.core.CoreSettings;
import parley.core.ServerLog;
import parley.history.HistoryStatus;
import parley.history.HistoryStore;
import parley.history.HistoryStoreException;
import parley.history.StoredLine;
import parley.history.sqlite.SqliteHistoryStore;
import parley.protocol.ChatEvent;
import parley.protocol.HistoryBatch;
import parley.protocol.MachineFormat;
import parley.protocol.WireMode;
import parley.server.ServerSettings;

/**
 * History over real sockets: ids on PARLEY/2 lines, the fetches and their frames, a server restarted on the same
 * SQLite file, and a store that fails. Every backend runs it with a one-line subclass.
 */
public abstract class HistoryContract extends ContractSupport {

    @TempDir
    Path data;

    private SqliteHistoryStore store;
    private ThreadPoolExecutor reads;

    @AfterEach
    void closeTheStore() throws InterruptedException {
        stopTheServer();
    }

    /** A server on {@code store}, its fetches read on two threads of their own, as the launcher does. */
    private InetSocketAddress startOn(HistoryStore history) throws IOException {
        reads = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16));
        return start(ServerSettings.forTests(),
                new ChatCore(CLOCK, ServerLog.silent(), CoreSettings.defaults(), history, reads));
    }

    private InetSocketAddress startOnDisk() throws IOException {
        store = SqliteHistoryStore.open(data, SqliteHistoryStore.Options.defaults(), CLOCK, ServerLog.silent());
        return startOn(store);
    }

    /** Stops the server, its readers and its store, in the launcher's order. */
    private void stopTheServer() throws InterruptedException {
        if (server != null) {
            server.shutdown(java.time.Duration.ofSeconds(2));
            server = null;
        }
        if (reads != null) {
            reads.shutdown();
            reads.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /** A client that has switched to PARLEY/2 and has had its machine welcome. */
    private ChatClient v2(InetSocketAddress address) throws IOException {
        ChatClient c = join(address);
        c.send(WireMode.MACHINE_V2_HELLO);
        c.await(line -> line.startsWith("welcome\t"), "a machine welcome");
        return c;
    }

    /** Says {@code text} and returns its id, read from the line the server echoes. */
    private static long say(ChatClient c, String text) throws IOException {
        c.send(text);
        return spoken(c.await(line -> line.startsWith("message\t") && line.endsWith("\t" + text), text)).id();
    }

    private static ChatEvent.Spoken spoken(String line) {
        return (ChatEvent.Spoken) MachineFormat.parse(line);
    }

    /** Sends a fetch and reads its answer: the start frame, the lines, the end frame. */
    private static Batch fetch(ChatClient c, String command) throws IOException {
        c.send(command);
        HistoryBatch start = MachineFormat.parseBatch(c.await(line -> line.startsWith("history-start\t"),
                "the start of the answer to " + command)).orElseThrow();
        List<ChatEvent.Spoken> lines = new ArrayList<>();
        while (true) {
            String line = c.await(l -> l.startsWith("history-end\t") || l.startsWith("message\t")
                    || l.startsWith("action\t"), "a line of the answer to " + command);
            if (line.startsWith("history-end\t")) {
                HistoryBatch end = MachineFormat.parseBatch(line).orElseThrow();
                assertThat(lines).as("lines between the frames of %s", command).hasSize(start.lines());
                return new Batch(start, lines, end);
            }
            ChatEvent.Spoken spoken = spoken(line);
            if (spoken.history()) {
                lines.add(spoken);
            }
        }
    }

    private record Batch(HistoryBatch start, List<ChatEvent.Spoken> lines, HistoryBatch end) {
        List<Long> ids() {
            return lines.stream().map(ChatEvent.Spoken::id).toList();
        }

        List<String> texts() {
            return lines.stream().map(ChatEvent.Spoken::text).toList();
        }
    }

    @Test
    void aServerRestartedOnTheSameDataServesTheSameHistoryAndIdsGoOn() throws Exception {
        InetSocketAddress address = startOnDisk();
        ChatClient a = v2(address);
        List<Long> lobby = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            lobby.add(say(a, "lobby " + i));
        }
        a.send("/join rust");
        a.await(line -> line.startsWith("join\trust\t"), "joined #rust");
        long inRust = say(a, "in rust");
        a.send("/me leaves");
        long action = spoken(a.await(line -> line.startsWith("action\t"), "the action")).id();
        assertThat(lobby).isSorted().doesNotHaveDuplicates();
        assertThat(inRust).isGreaterThan(lobby.get(2));
        assertThat(action).isGreaterThan(inRust);
        a.close();
        stopTheServer();

        address = startOnDisk();
        ChatClient b = v2(address);
        List<ChatEvent.Spoken> replay = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replay.add(spoken(b.await(line -> line.startsWith("message\t"), "a replayed line")));
        }
        assertThat(replay).extracting(ChatEvent.Spoken::id).containsExactlyElementsOf(lobby);
        assertThat(replay).extracting(ChatEvent.Spoken::text).containsExactly("lobby 1", "lobby 2", "lobby 3");
        assertThat(replay).allMatch(ChatEvent::history);

        b.send("/join RUST"); // the same room by its name's key, made again after the restart
        b.await(line -> line.startsWith("join\t"), "joined #rust");
        Batch rust = new Batch(MachineFormat.parseBatch(b.await(line -> line.startsWith("history-start\t"),
                "the replay of #rust")).orElseThrow(), new ArrayList<>(), null);
        rust.lines().add(spoken(b.await(line -> line.startsWith("message\t"), "the message")));
        rust.lines().add(spoken(b.await(line -> line.startsWith("action\t"), "the action")));
        assertThat(rust.ids()).containsExactly(inRust, action);
        assertThat(rust.texts()).containsExactly("in rust", "leaves");
        assertThat(say(b, "after the restart")).isGreaterThan(action);
    }

    @Test
    void fetchesPageThroughARoomWithoutGapsOrRepeats() throws IOException {
        InetSocketAddress address = startOn(new parley.history.MemoryHistoryStore(1_000, 10));
        ChatClient a = v2(address);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(say(a, "line " + i));
        }
        Batch latest = fetch(a, "/history 10");
        assertThat(latest.ids()).isEqualTo(ids.subList(15, 25));
        assertThat(latest.end().more()).isEqualTo(15);
        Batch before = fetch(a, "/history before " + ids.get(15) + " 10");
        assertThat(before.ids()).isEqualTo(ids.subList(5, 15));
        assertThat(before.end().more()).isEqualTo(5);
        Batch first = fetch(a, "/history before " + ids.get(5) + " 10");
        assertThat(first.ids()).isEqualTo(ids.subList(0, 5));
        assertThat(first.end().more()).isZero();
        assertThat(fetch(a, "/history before " + ids.get(0) + " 10").lines()).isEmpty();

        Batch after = fetch(a, "/history after " + ids.get(19) + " 3");
        assertThat(after.ids()).isEqualTo(ids.subList(20, 23));
        assertThat(after.end().more()).isEqualTo(2);
        assertThat(fetch(a, "/history after " + ids.get(24)).lines()).isEmpty();

        Batch since = fetch(a, "/history since " + ids.get(4) + " 5");
        assertThat(since.ids()).as("the latest five after the id").isEqualTo(ids.subList(20, 25));
        assertThat(since.end().more()).as("skipped between the id and the page").isEqualTo(15);

        Batch capped = fetch(a, "/history 100000");
        assertThat(capped.start().request().limit()).isEqualTo(HistoryStore.MAX_PAGE);
        assertThat(capped.ids()).isEqualTo(ids);

        a.send("/history before soon");
        assertThat(a.await(line -> line.startsWith("error\t"), "a usage error")).contains("usage: /history");
        a.send("/msg guest1 a private word");
        a.await(line -> line.startsWith("private\t"), "the private message");
        assertThat(fetch(a, "/history").texts()).as("private messages are never stored")
                .noneMatch(text -> text.contains("private word"));
    }

    @Test
    void aParleyOneClientAndATextClientSeeTheFramesAsNotices() throws IOException {
        InetSocketAddress address = startOn(new parley.history.MemoryHistoryStore(1_000, 10));
        ChatClient text = join(address);
        ChatClient v1 = join(address);
        v1.send(WireMode.MACHINE_HELLO);
        v1.await(line -> line.startsWith("welcome\t"), "a machine welcome");
        text.send("one");
        assertThat(v1.await(line -> line.startsWith("message\t"), "the message").split("\t", -1))
                .as("PARLEY/1 has seven fields, no id").hasSize(7);
        text.send("/history 5");
        assertThat(text.awaitContaining("history of")).isEqualTo("[14:02:07] -- history of #lobby: 1 line");
        assertThat(text.await(ContractSupport::isMessage, "the line")).startsWith("[14:02:07] (history) <guest1@");
        assertThat(text.awaitContaining("end of history")).isEqualTo("[14:02:07] -- end of history of #lobby");
        v1.send("/history 5");
        assertThat(v1.await(line -> line.contains("history of"), "the start")).startsWith("info\tlobby\t");
    }

    @Test
    void aFailingStoreKeepsTheChatGoingAndStatsSaySo() throws IOException {
        InetSocketAddress address = startOn(new FullDisk());
        ChatClient a = v2(address);
        ChatClient b = v2(address);
        long first = say(a, "still talking");
        b.await(line -> line.endsWith("\tstill talking"), "the message");
        assertThat(say(b, "me too")).isGreaterThan(first);
        a.send("/stats");
        assertThat(a.await(line -> line.contains("history is NOT being stored"), "the store's status"))
                .contains("the disk is full");
        a.send("/history");
        assertThat(a.await(line -> line.startsWith("error\t"), "the refusal")).contains("the disk is full");
        a.send("/join elsewhere"); // a room made anew must not wait for, or fail on, a read
        a.await(line -> line.startsWith("join\telsewhere\t"), "joined");
        assertThat(say(a, "in a new room")).isGreaterThan(first);
    }

    /** A store on a disk that is full: ids are given, nothing is kept, every read fails. */
    private static final class FullDisk implements HistoryStore {
        private final AtomicLong lastId = new AtomicLong();
        private final AtomicLong notStored = new AtomicLong();

        @Override
        public StoredLine append(String room, StoredLine.Kind kind, Instant time, String nick, String address,
                                 String text) {
            notStored.incrementAndGet();
            return new StoredLine(room, lastId.incrementAndGet(), time, kind, nick, address, text);
        }

        @Override
        public List<StoredLine> latest(String room, int limit) {
            throw unreadable();
        }

        @Override
        public List<StoredLine> before(String room, long beforeId, int limit) {
            throw unreadable();
        }

        @Override
        public List<StoredLine> after(String room, long afterId, int limit) {
            throw unreadable();
        }

        @Override
        public long count(String room, long afterId, long beforeId) {
            throw unreadable();
        }

        private static HistoryStoreException unreadable() {
            return new HistoryStoreException("history could not be read from /full: the disk is full");
        }

        @Override
        public long lastIssuedId() {
            return lastId.get();
        }

        @Override
        public HistoryStatus status() {
            return new HistoryStatus("/full", "the disk is full; retrying", 0, notStored.get(), 0, 0, 0);
        }

        @Override
        public void close() {
        }
    }
}
