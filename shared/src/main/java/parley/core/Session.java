package parley.core;

import parley.protocol.Member;
import parley.protocol.WireMode;

/**
 * One connected person, as the core sees them. Backends hold it as an opaque handle and pass it back
 * with every line; all its fields are read and written under the core's lock.
 */
public final class Session {

    private final String address;
    private final Outbound out;
    private volatile String nick;
    private Room room;
    private WireMode mode = WireMode.TEXT;
    private long linesReceived;
    private boolean open = true;
    /** This person's allowance of private messages from others; made on the first one. */
    private PrivateTraffic.Inbox privateInbox;

    Session(String address, Outbound out, String nick) {
        this.address = address;
        this.out = out;
        this.nick = nick;
    }

    /** The peer's ip:port, as getpeername reports it. */
    public String address() {
        return address;
    }

    /** Current nick (changed only under the core's lock; volatile so a backend may read it for its log). */
    public String nick() {
        return nick;
    }

    /** Who this is, as others see them. */
    Member member() {
        return new Member(nick, address);
    }

    void rename(String newNick) {
        this.nick = newNick;
    }

    Outbound out() {
        return out;
    }

    Room room() {
        return room;
    }

    void moveTo(Room room) {
        this.room = room;
    }

    WireMode mode() {
        return mode;
    }

    void mode(WireMode mode) {
        this.mode = mode;
    }

    /** A complete line arrived from this person (a discarded over-long one does not count). */
    void countLine() {
        linesReceived++;
    }

    /** Lines received so far, the one being handled included: the machine hello counts only as the first. */
    long linesReceived() {
        return linesReceived;
    }

    boolean isOpen() {
        return open;
    }

    void markClosed() {
        open = false;
    }

    PrivateTraffic.Inbox privateInbox() {
        return privateInbox;
    }

    void privateInbox(PrivateTraffic.Inbox inbox) {
        privateInbox = inbox;
    }

    @Override
    public String toString() {
        return nick() + "@" + address;
    }
}
