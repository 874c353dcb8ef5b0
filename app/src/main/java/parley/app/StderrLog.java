package parley.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import parley.core.ServerLog;

/** The server's log: one timestamped line per event on stderr. */
final class StderrLog implements ServerLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    private final Clock clock;
    private final PrintWriter err;

    StderrLog(Clock clock, PrintWriter err) {
        this.clock = clock;
        this.err = err;
    }

    @Override
    public void info(String message) {
        String line = TIME.withZone(clock.getZone()).format(clock.instant()) + " " + message;
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
