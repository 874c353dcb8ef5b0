package parley.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One remembered line of a room.
 *
 * @param room    the core's name for the room
 * @param id      unique on the server, increasing in the order lines were appended, never reused
 * @param time    when the core accepted it
 * @param kind    a message or an action ({@code /me})
 * @param nick    who said it
 * @param address where they were connected from, as the core shows it
 * @param text    what was said, already sanitized
 */
public record StoredLine(String room, long id, Instant time, Kind kind, String nick, String address, String text) {

    /** What kind of line: the only two a room remembers. */
    public enum Kind {
        MESSAGE,
        ACTION
    }

    public StoredLine {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nick, "nick");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(text, "text");
        if (id < 1) {
            throw new IllegalArgumentException("ids start at 1, got " + id);
        }
    }
}
