package parley.history.sqlite;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.locks.LockSupport;
import parley.core.ServerLog;
import parley.history.HistoryStatus;
import parley.history.StoredLine;

/**
 * The process {@link KillTest} kills: appends lines to a store for ever, and prints
 * {@code stored S issued I} each time the last stored id moves on. It never closes the store.
 */
public final class AppendingChild {

    private AppendingChild() {
    }

    public static void main(String[] args) {
        SqliteHistoryStore store = SqliteHistoryStore.open(Path.of(args[0]), SqliteHistoryStore.Options.defaults(),
                Clock.systemUTC(), ServerLog.silent());
        long reported = 0;
        for (long i = 0; ; i++) {
            // Keep well inside the queue: a refused line would make "every line up to S" untrue.
            while (store.status().waiting() > 10_000) {
                LockSupport.parkNanos(100_000);
            }
            StoredLine line = store.append("room" + (i % 3), StoredLine.Kind.MESSAGE, Clock.systemUTC().instant(),
                    "bot", "127.0.0.1:1", "line " + i);
            HistoryStatus status = store.status();
            if (status.notStored() > 0) {
                System.out.println("refused " + status.notStored());
            }
            if (status.lastStoredId() != reported) {
                reported = status.lastStoredId();
                System.out.println("stored " + reported + " issued " + line.id());
            }
        }
    }
}
