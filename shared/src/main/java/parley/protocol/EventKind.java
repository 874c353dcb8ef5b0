package parley.protocol;

import java.util.Locale;

/** What a server event is. The wire name is the lower-case enum name. */
public enum EventKind {
    /** Sent once to a new connection (and again on switching to machine mode): nick = your nick. */
    WELCOME,
    /** A message to a room. */
    MESSAGE,
    /** An action, {@code /me waves}. */
    ACTION,
    /** A private message; {@code room} holds the recipient's nick. */
    PRIVATE,
    /** Someone entered the room. */
    JOIN,
    /** Someone left the room; text = why. */
    LEAVE,
    /** Someone changed nick: nick = the old one, text = the new one. */
    NICK,
    /** The room's members: text = space-separated {@code nick@ip:port} entries. */
    MEMBERS,
    /** A server notice meant for one person (help, room list, shutdown). */
    INFO,
    /** Something the person asked for was refused; text says why. */
    ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Messages and actions are what a room's history keeps. */
    public boolean isSpoken() {
        return this == MESSAGE || this == ACTION;
    }
}
