package parley.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import parley.protocol.WireMode;

/**
 * The room lines of one {@linkplain ChatCore#batch batch} not yet handed to their recipients: consecutive
 * broadcasts to the same members are joined into one run of bytes per wire mode, and each member is sent that
 * run once. Why: a member's cost is one append to its output buffer (a lock, a copy, a flag) per line; joined,
 * it is one per read of the sender's, whatever the lines in it.
 *
 * <p>Nobody sees another order. Events are joined only while the members are the very same sessions in the
 * same order (checked against a snapshot taken with the first event, so a join or leave in between starts a
 * new run after this one is sent, to the members of its time); and the core {@linkplain #send sends} what is
 * held before any other line to anyone and before a session leaves. Guarded by the core's lock.
 */
final class HeldBroadcast {

    private static final int MODES = WireMode.values().length;

    /** The collection the events were broadcast to (a room's live member set), or null when nothing is held. */
    private Collection<Session> recipients;
    /** Who was in it when the first event came, in its order: whom the held events go to. */
    private Session[] members;
    private final List<Broadcast> events = new ArrayList<>();

    /**
     * Holds {@code b}, meant for {@code to}; false (and nothing held) if it cannot be joined to what is held,
     * which must then be sent first.
     */
    boolean tryHold(Collection<Session> to, Broadcast b) {
        if (recipients == null) {
            recipients = to;
            members = to.toArray(new Session[0]);
            events.add(b);
            return true;
        }
        if (to != recipients || !sameMembers(to)) {
            return false;
        }
        events.add(b);
        return true;
    }

    private boolean sameMembers(Collection<Session> to) {
        if (to.size() != members.length) {
            return false;
        }
        Iterator<Session> it = to.iterator();
        for (Session m : members) {
            if (it.next() != m) {
                return false;
            }
        }
        return true;
    }

    boolean isEmpty() {
        return recipients == null;
    }

    /** Hands what is held to its members, one run of bytes each; returns the lines delivered. */
    long send() {
        if (recipients == null) {
            return 0;
        }
        Session[] to = members;
        ByteBuffer[] joined = new ByteBuffer[MODES];
        List<Broadcast> lines = List.copyOf(events);
        recipients = null; // emptied first: whatever a send does, nothing is sent twice
        members = null;
        events.clear();
        for (Session m : to) {
            int mode = m.mode().ordinal();
            if (joined[mode] == null) {
                joined[mode] = join(lines, m.mode());
            }
            m.out().send(joined[mode]);
        }
        return (long) to.length * lines.size();
    }

    private static ByteBuffer join(List<Broadcast> lines, WireMode mode) {
        if (lines.size() == 1) {
            return lines.get(0).bytesFor(mode);
        }
        int size = 0;
        for (Broadcast b : lines) {
            size += b.bytesFor(mode).remaining();
        }
        ByteBuffer run = ByteBuffer.allocate(size);
        for (Broadcast b : lines) {
            run.put(b.bytesFor(mode).duplicate());
        }
        return run.flip().asReadOnlyBuffer();
    }
}
