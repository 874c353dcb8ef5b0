package parley.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.history.HistoryStore;
import parley.history.MemoryHistoryStore;
import parley.history.sqlite.SqliteHistoryStore;
import parley.server.DaemonThreads;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where {@code parley server} keeps room history, and for how long. docs/ARCHITECTURE.md "The history store". */
final class HistoryOptions {

    /** What {@code --data} takes to keep history in memory only. */
    static final String NONE = "none";
    /** Threads that read history for fetches, and the fetches that may wait for them before "busy". */
    private static final int READERS = 2;
    private static final int WAITING_READS = 256;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory for the history file history.db (created if needed), or 'none' to keep "
                    + "history in memory only, lost at exit (default: $XDG_DATA_HOME/parley, else "
                    + "~/.local/share/parley).")
    String data;

    @Option(names = "--history-days", paramLabel = "DAYS", defaultValue = "90",
            description = "Days a line is kept; 0 keeps lines until the per-room cap removes them "
                    + "(default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--history-lines", paramLabel = "N", defaultValue = "100000",
            description = "Newest lines kept per room; older ones are removed in the background (0 = no cap; "
                    + "with --data none at most " + ChatCore.MEMORY_LINES_PER_ROOM + "; default: ${DEFAULT-VALUE}).")
    int linesPerRoom;

    /** Refuses, as a usage error, what no converter catches. */
    void check(CommandLine cl) {
        if (days < 0 || linesPerRoom < 0) {
            throw new CommandLine.ParameterException(cl, "--history-days and --history-lines cannot be negative");
        }
        if (data != null && data.isBlank()) {
            throw new CommandLine.ParameterException(cl, "--data needs a directory, or 'none'");
        }
    }

    /** The directory history goes to; null for {@code --data none}. */
    Path directory(Map<String, String> env, String home) {
        if (data != null) {
            return data.equals(NONE) ? null : Path.of(data);
        }
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG base directory spec: a relative value is invalid and is to be ignored.
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".local", "share");
        return base.resolve("parley");
    }

    /**
     * Opens the store: a SQLite file in {@link #directory}, or memory.
     *
     * @throws parley.history.HistoryStoreException with one sentence when the directory or file cannot be used
     */
    ServerHistory open(Clock clock, ServerLog log) {
        Path dir = directory(System.getenv(), System.getProperty("user.home"));
        int cap = linesPerRoom == 0 ? Integer.MAX_VALUE : linesPerRoom;
        HistoryStore store = dir == null
                ? new MemoryHistoryStore(Math.min(cap, ChatCore.MEMORY_LINES_PER_ROOM), ChatCore.MEMORY_ROOMS)
                : SqliteHistoryStore.open(dir, SqliteHistoryStore.Options.defaults()
                        .withRetention(days == 0 ? null : Duration.ofDays(days), linesPerRoom), clock, log);
        ThreadPoolExecutor reads = new ThreadPoolExecutor(READERS, READERS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WAITING_READS), DaemonThreads.named("history-reader"));
        return new ServerHistory(store, reads);
    }

    /** The store a server was given and the threads that read it; closed after the server has stopped. */
    record ServerHistory(HistoryStore store, ExecutorService reads) implements AutoCloseable {

        /** Lets reads under way finish, then stores what is waiting and releases the file. */
        @Override
        public void close() throws InterruptedException {
            reads.shutdown();
            reads.awaitTermination(5, TimeUnit.SECONDS);
            store.close();
        }
    }
}
