package parley.client.net;

import parley.core.Names;
import parley.protocol.ChatEvent;

/**
 * Which nick is ours, followed through the server's events: a welcome names it, and a nick change from it renames
 * it. Every reader of events that must know its own nick keeps one; not thread-safe, like the reader it serves.
 */
public final class OwnNick {

    private String nick = "";

    /** Our nick; empty before the first welcome. */
    public String get() {
        return nick;
    }

    /** Whether {@code nick} is ours, compared as the server compares nicks. */
    public boolean is(String other) {
        return !nick.isEmpty() && Names.key(nick).equals(Names.key(other));
    }

    /** Follows {@code e}; returns whether it renamed us (a welcome names us, it does not rename us). */
    public boolean follow(ChatEvent e) {
        if (e instanceof ChatEvent.Welcome w) {
            nick = w.you().nick();
        } else if (e instanceof ChatEvent.NickChange n && is(n.oldNick())) {
            nick = n.newNick();
            return true;
        }
        return false;
    }
}
