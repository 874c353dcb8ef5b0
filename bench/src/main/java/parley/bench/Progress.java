package parley.bench;

import java.io.PrintWriter;

/**
 * One line on stderr, redrawn in place with {@code \r} while a run goes:
 * {@code [threaded fanout 1/3] measuring [#########-----------] 4.5/10 s  deliveries 412,000}.
 * Redraws at most 5 times a second; {@link #done} ends the line with the run's outcome.
 */
final class Progress {

    private static final int BAR = 20;
    private static final long MIN_INTERVAL_NANOS = 200_000_000;

    private final PrintWriter err;
    private final boolean enabled;
    private long lastDraw;
    private int lastLength;

    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Redraws the line (if enough time has passed) for {@code label}, a phase and how far it is. */
    void update(String label, String phase, double fraction, String detail) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < MIN_INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
        String line = "[" + label + "] " + phase + " [" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + detail;
        draw(line);
    }

    /** Ends the progress line with {@code summary}. */
    void done(String label, String summary) {
        if (enabled) {
            draw("[" + label + "] " + summary);
            err.println();
        } else {
            err.println("[" + label + "] " + summary);
        }
        err.flush();
        lastLength = 0;
    }

    /** A line of its own (a note, a warning) that does not disturb the progress line. */
    void note(String text) {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
        err.println(text);
        err.flush();
    }

    private void draw(String line) {
        String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
        err.print("\r" + padded);
        err.flush();
        lastLength = line.length();
    }
}
