package parley.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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

    /** The collection the events were broadcast to (a room's live member set), or null when nothing is held. */
    private Collection<Session> recipients;
    /**
     * Who was in it when the first event came, in its order: whom the held events go to. Kept and reused
     * (cleared after each send), so holding a line allocates nothing per read.
     */
    private Session[] members = new Session[16];
    private int memberCount;
    private final List<Broadcast> events = new ArrayList<>();
    /** Each wire mode's run of the held lines, made for the first member in that mode. */
    private final ByteBuffer[] joined = new ByteBuffer[WireMode.values().length];

    /**
     * Holds {@code b}, meant for {@code to}; false (and nothing held) if it cannot be joined to what is held,
     * which must then be sent first.
     */
    boolean tryHold(Collection<Session> to, Broadcast b) {
        if (recipients == null) {
            recipients = to;
            memberCount = to.size();
            if (members.length < memberCount) {
                members = new Session[Math.max(memberCount, members.length * 2)];
            }
            int i = 0;
            for (Session m : to) {
                members[i++] = m;
            }
        } else if (to != recipients || !sameMembers(to)) {
            return false;
        }
        events.add(b);
        return true;
    }

    private boolean sameMembers(Collection<Session> to) {
        if (to.size() != memberCount) {
            return false;
        }
        int i = 0;
        for (Session m : to) {
            if (members[i++] != m) {
                return false;
            }
        }
        return true;
    }

    /** Hands what is held to its members, one run of bytes each; returns the lines delivered. */
    long send() {
        if (recipients == null) {
            return 0;
        }
        try {
            for (int i = 0; i < memberCount; i++) {
                Session m = members[i];
                int mode = m.mode().ordinal();
                if (joined[mode] == null) {
                    joined[mode] = join(m.mode());
                }
                m.out().send(joined[mode]);
            }
            return (long) memberCount * events.size();
        } finally {
            recipients = null;
            Arrays.fill(members, 0, memberCount, null); // no closed session kept alive by a stale reference
            memberCount = 0;
            events.clear();
            Arrays.fill(joined, null);
        }
    }

    private ByteBuffer join(WireMode mode) {
        if (events.size() == 1) {
            return events.get(0).bytesFor(mode);
        }
        int size = 0;
        for (Broadcast b : events) {
            size += b.bytesFor(mode).remaining();
        }
        ByteBuffer run = ByteBuffer.allocate(size);
        for (Broadcast b : events) {
            run.put(b.bytesFor(mode).duplicate());
        }
        return run.flip().asReadOnlyBuffer();
    }
}
