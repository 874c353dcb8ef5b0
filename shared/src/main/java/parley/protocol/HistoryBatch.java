package parley.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * The frame around one page of a room's history sent in answer to a {@code /history} fetch, or on entering a
 * room whose lines were not in memory: a start line, the page's lines (messages and actions marked as history,
 * oldest first), an end line. Like IRCv3's {@code BATCH +id} / {@code BATCH -id} it is framing, not an event of
 * the room, so it is no {@link ChatEvent}: a client reads it before it reads events.
 *
 * <p>PARLEY/2 sends it as its own kinds, {@code history-start} and {@code history-end}; text mode and PARLEY/1
 * show it as a notice ({@code -- history of #lobby: 3 lines}).
 *
 * @param room    the room the page is from
 * @param time    when the server sent it
 * @param start   true for the line before the page, false for the line after it
 * @param lines   how many lines the page holds
 * @param more    how many lines of the room lie beyond the page in the request's direction and were left out:
 *                older ones for {@code latest} and {@code before}, newer ones for {@code after}, the ones
 *                between the request's id and the page for {@code since} (what a catch-up skipped)
 * @param request what was asked, its limit cut to the server's page size
 */
public record HistoryBatch(String room, Instant time, boolean start, int lines, long more,
                           Command.History request) {

    public HistoryBatch {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(request, "request");
    }

    /** The end line of the batch this start line opens. */
    public HistoryBatch end(Instant at) {
        return new HistoryBatch(room, at, false, lines, more, request);
    }

    /** What a person reads: {@code history of #lobby: 3 lines} and {@code end of history of #lobby (12 older)}. */
    public String describe() {
        if (start) {
            return "history of #" + room + ": " + lines + (lines == 1 ? " line" : " lines");
        }
        if (more == 0) {
            return "end of history of #" + room;
        }
        String which = switch (request.direction()) {
            case LATEST, BEFORE -> " older";
            case AFTER -> " newer";
            case SINCE -> " skipped";
        };
        return "end of history of #" + room + " (" + more + which + ")";
    }
}
