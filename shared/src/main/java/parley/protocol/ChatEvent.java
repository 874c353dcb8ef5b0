package parley.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing the server tells a client. Both wire modes carry exactly these fields.
 *
 * @param kind    what happened
 * @param room    the room it happened in (for {@link EventKind#PRIVATE}, the recipient's nick); may be empty
 * @param time    when the server accepted it
 * @param nick    who did it; empty for server notices
 * @param address the sender's ip:port as the server sees it; empty for server notices
 * @param text    the (already sanitized) text
 * @param history true when replayed from the room's history rather than happening now
 */
public record ChatEvent(EventKind kind, String room, Instant time, String nick, String address, String text,
                        boolean history) {

    public ChatEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        room = room == null ? "" : room;
        nick = nick == null ? "" : nick;
        address = address == null ? "" : address;
        text = text == null ? "" : text;
    }

    /** A notice from the server itself, with no sender. */
    public static ChatEvent notice(EventKind kind, String room, Instant time, String text) {
        return new ChatEvent(kind, room, time, "", "", text, false);
    }

    public ChatEvent asHistory() {
        return new ChatEvent(kind, room, time, nick, address, text, true);
    }
}
