package parley.history.sqlite;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.locks.LockSupport;
import parley.core.ServerLog;
import parley.history.HistoryStatus;
import parley.history.StoredLine;

/**
 * Measures the store, not a test: lines stored per second with group commit, the CPU each line costs (the
 * whole process, the appending thread, the writer thread), and the file's size per million lines.
 *
 * <p>With a rate of 0 it appends as fast as the queue takes them (never past it): the writer's ceiling. With a
 * rate it appends that many lines a second, as the chat core does in the bench's saturate (about 25,000 lines a
 * second there): what the store takes from a server whose one CPU is busy delivering.
 *
 * <pre>
 *  ./mvnw -q -o -pl history-store -am test-compile
 *  java -Xmx1g -XX:+UseG1GC -cp history-store/target/classes:history-store/target/test-classes:\
 *       shared/target/classes:$HOME/.m2/repository/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar \
 *       parley.history.sqlite.StoreThroughput [lines] [lines per second, 0 = as fast as it goes] \
 *       [rooms, 100] [dir]
 * </pre>
 */
public final class StoreThroughput {

    private StoreThroughput() {
    }

    public static void main(String[] args) throws IOException {
        long lines = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long rate = args.length > 1 ? Long.parseLong(args[1]) : 0;
        int roomCount = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("parley-throughput");
        SqliteHistoryStore.Options options = SqliteHistoryStore.Options.defaults().withRetention(null, 0);
        Clock clock = Clock.systemUTC();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // A chat line of typical length: 60 characters, in one of the rooms, from one of 1,000 nicks.
        String text = "a typical line of chat, about sixty characters long, or so.";
        String[] rooms = new String[roomCount];
        for (int i = 0; i < rooms.length; i++) {
            rooms[i] = "room" + i;
        }
        String[] nicks = new String[1_000];
        String[] addresses = new String[nicks.length];
        for (int i = 0; i < nicks.length; i++) {
            nicks[i] = "nick" + i;
            addresses[i] = "127.0.0.1:" + (40_000 + i);
        }
        long nanos;
        long processCpu;
        long appenderCpu;
        long writerCpu;
        long stored;
        long transactions;
        long notStored;
        long inFile;
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, options, clock, ServerLog.silent())) {
            long writer = threadId(threads, "history-writer");
            // A warm-up the figures leave out: the JIT compiles the hot paths during it.
            append(store, lines / 5, rate, options, clock, rooms, nicks, addresses, text);
            HistoryStatus before = awaitStored(store);
            long process0 = os.getProcessCpuTime();
            long appender0 = threads.getCurrentThreadCpuTime();
            long writer0 = threads.getThreadCpuTime(writer);
            long start = System.nanoTime();
            append(store, lines, rate, options, clock, rooms, nicks, addresses, text);
            appenderCpu = threads.getCurrentThreadCpuTime() - appender0;
            HistoryStatus after = awaitStored(store);
            nanos = System.nanoTime() - start;
            writerCpu = threads.getThreadCpuTime(writer) - writer0;
            processCpu = os.getProcessCpuTime() - process0;
            stored = after.stored() - before.stored();
            transactions = after.transactions() - before.transactions();
            notStored = after.notStored();
            inFile = after.stored();
        }
        double seconds = nanos / 1e9;
        long bytes = Files.size(dir.resolve(Database.FILE_NAME));
        String offered = rate > 0 ? "offered " + rate + "/s" : "flat out";
        System.out.printf("%,d lines in %d rooms stored in %.2f s (%s): %,.0f lines/s, %,d transactions "
                        + "(%.0f lines each), %,d not stored%n", stored, roomCount, seconds, offered, stored / seconds,
                transactions, (double) stored / transactions, notStored);
        System.out.printf("CPU per line: %.2f us in all (%.0f %% of a core), appending thread %.2f us, "
                        + "writer thread %.2f us%n", processCpu / 1e3 / stored, 100.0 * processCpu / nanos,
                appenderCpu / 1e3 / stored, writerCpu / 1e3 / stored);
        System.out.printf("file %s: %,d bytes, %.1f MB per million lines%n", dir.resolve(Database.FILE_NAME),
                bytes, bytes / 1e6 / (inFile / 1e6));
    }

    /** Appends {@code lines}: at {@code rate} a second, or as fast as the queue takes them. */
    private static void append(SqliteHistoryStore store, long lines, long rate, SqliteHistoryStore.Options options,
                               Clock clock, String[] rooms, String[] nicks, String[] addresses, String text) {
        long start = System.nanoTime();
        for (long i = 0; i < lines; i++) {
            if (rate > 0) {
                // Line by line, as a core hands them over: a park overshoots, and the lines due meanwhile go
                // out together, a few at a time.
                long early = start + i * 1_000_000_000L / rate - System.nanoTime();
                if (early > 0) {
                    LockSupport.parkNanos(early);
                }
            } else if (rate == 0) {
                while (store.status().waiting() >= options.queueCapacity() - 1) {
                    LockSupport.parkNanos(50_000);
                }
            }
            int n = (int) (i % nicks.length);
            store.append(rooms[(int) (i % rooms.length)], StoredLine.Kind.MESSAGE, clock.instant(), nicks[n],
                    addresses[n], text);
        }
    }

    private static HistoryStatus awaitStored(SqliteHistoryStore store) {
        HistoryStatus status;
        while ((status = store.status()).waiting() > 0) {
            LockSupport.parkNanos(1_000_000);
        }
        return status;
    }

    private static long threadId(ThreadMXBean threads, String name) {
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().equals(name)) {
                return info.getThreadId();
            }
        }
        throw new IllegalStateException("no thread named " + name);
    }
}
