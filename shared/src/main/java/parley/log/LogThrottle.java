package parley.log;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps repeats from flooding the log: of the events with one {@link LogEvent#key() key} (the same name, labels
 * and ip), the first {@code burst} in an interval are written, the rest only counted, and when the interval ends
 * one summary line says how many there were:
 *
 * <pre>
 *  refused 10.0.0.1: too many connections from your address      (the first 5, each as it came)
 *  refused 10.0.0.1 too many connections from your address: 4995 more like this in the last 10 s
 * </pre>
 *
 * A host's storm therefore costs the log at most {@code burst + 1} lines per interval, while an ordinary
 * connect, nick change or quit is written as it happens. At most {@code maxKeys} keys are followed at once;
 * events of further keys in that interval are counted together in one summary. Time is what the caller passes
 * (the events' times and {@link #expired}'s {@code now}, from an injected clock). Not thread-safe: the log's
 * one writer thread owns it.
 */
public final class LogThrottle {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_BURST = 5;
    public static final int DEFAULT_MAX_KEYS = 10_000;

    private final Duration interval;
    private final int burst;
    private final int maxKeys;
    /** In the order their intervals began, so the expired ones are always at the front. */
    private final Map<String, Window> windows = new LinkedHashMap<>();
    private Window untold;

    public LogThrottle(Duration interval, int burst, int maxKeys) {
        this.interval = interval;
        this.burst = burst;
        this.maxKeys = maxKeys;
    }

    public static LogThrottle defaults() {
        return new LogThrottle(DEFAULT_INTERVAL, DEFAULT_BURST, DEFAULT_MAX_KEYS);
    }

    /** Whether {@code event}, which happened {@code at}, is to be written (true) or only counted (false). */
    public boolean admit(LogEvent event, Instant at) {
        String key = event.key();
        Window w = windows.get(key);
        if (w == null) {
            if (windows.size() >= maxKeys) {
                if (untold == null) {
                    untold = new Window(event, at);
                }
                untold.suppressed++;
                return false;
            }
            windows.put(key, new Window(event, at));
            return true;
        }
        if (w.written < burst) {
            w.written++;
            return true;
        }
        w.suppressed++;
        return false;
    }

    /** The summaries of every interval over by {@code now} that had events it did not write; those are forgotten. */
    public List<LogEvent> expired(Instant now) {
        List<LogEvent> summaries = new ArrayList<>();
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window w = it.next();
            if (now.isBefore(w.start.plus(interval))) {
                break; // the rest began later
            }
            it.remove();
            if (w.suppressed > 0) {
                summaries.add(summary(w));
            }
        }
        if (untold != null && !now.isBefore(untold.start.plus(interval))) {
            summaries.add(LogEvent.warn(LogEvent.PLAIN, "{repeats} more lines of too many kinds to tell apart in "
                    + "the last {seconds} s").number("repeats", untold.suppressed).number("seconds", seconds()));
            untold = null;
        }
        return summaries;
    }

    private LogEvent summary(Window w) {
        List<LogEvent.Field> shown = w.first.grouping();
        StringBuilder template = new StringBuilder();
        for (LogEvent.Field f : shown) {
            template.append(template.length() == 0 ? "" : " ").append('{').append(f.name()).append('}');
        }
        template.append(template.length() == 0 ? "" : ": ").append("{repeats} more like this in the last {seconds} s");
        LogEvent summary = w.first.like(template.toString());
        shown.forEach(summary::with);
        return summary.number("repeats", w.suppressed).number("seconds", seconds());
    }

    private long seconds() {
        return interval.toSeconds();
    }

    private static final class Window {
        final LogEvent first;
        final Instant start;
        int written = 1;
        long suppressed;

        Window(LogEvent first, Instant start) {
            this.first = first;
            this.start = start;
        }
    }
}
