package parley.bench.measure;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What one receiver got from every sender, checked exactly: every sender numbers its messages 0, 1, 2, ...
 *
 * <pre>
 *  arrive(sender, seq)
 *     seq == next[sender]     in order: next moves past it, and past any early arrivals already held
 *     seq &gt;  next[sender]     early: held in a bit set until the gap before it closes
 *     seq &lt;  highest[sender]  arrived after a higher number of the same sender: reordered
 *                             (a duplicate counts here too)
 *  lost(sender, sent)         sent - (next + held), exact
 * </pre>
 *
 * In-order delivery, the normal case, costs a few array accesses; a bit set only exists for a sender whose
 * messages came out of order, and is dropped once the gap closes. Not thread-safe: one receiver, one thread.
 */
public final class SequenceChecker {

    private final long[] next;
    private final long[] highest;
    private final BitSet[] early;
    private final long[] earlyBase;
    private long reordered;
    private long received;

    public SequenceChecker(int senders) {
        next = new long[senders];
        highest = new long[senders];
        Arrays.fill(highest, -1);
        early = new BitSet[senders];
        earlyBase = new long[senders];
    }

    /** Notes that message {@code seq} of {@code sender} arrived. Unknown senders are ignored. */
    public void arrive(int sender, long seq) {
        if (sender < 0 || sender >= next.length || seq < 0) {
            return;
        }
        received++;
        if (seq < highest[sender] || isDuplicate(sender, seq)) {
            reordered++;
        }
        highest[sender] = Math.max(highest[sender], seq);
        if (seq == next[sender]) {
            long n = seq + 1;
            BitSet held = early[sender];
            if (held != null) {
                long base = earlyBase[sender];
                while (held.get(Math.toIntExact(n - base))) {
                    n++;
                }
                held.clear(Math.toIntExact(seq - base), Math.toIntExact(n - base));
                if (held.isEmpty()) {
                    early[sender] = null;
                }
            }
            next[sender] = n;
        } else if (seq > next[sender]) {
            BitSet held = early[sender];
            if (held == null) {
                held = early[sender] = new BitSet();
                earlyBase[sender] = next[sender];
            }
            held.set(Math.toIntExact(seq - earlyBase[sender]));
        }
    }

    private boolean isDuplicate(int sender, long seq) {
        BitSet held = early[sender];
        return seq < next[sender] || (held != null && seq >= earlyBase[sender]
                && held.get(Math.toIntExact(seq - earlyBase[sender])));
    }

    /** Messages of {@code sender} not received, given that it sent {@code sent} (numbered 0 to sent-1). */
    public long lost(int sender, long sent) {
        BitSet held = early[sender];
        long have = next[sender] + (held == null ? 0 : held.cardinality());
        return Math.max(0, sent - have);
    }

    /** Arrivals that came after a higher sequence number of the same sender (duplicates included). */
    public long reordered() {
        return reordered;
    }

    /** Every arrival counted, duplicates included. */
    public long received() {
        return received;
    }

    /** True once every one of the {@code sent[s]} messages of every sender s has arrived. */
    public boolean complete(long[] sent) {
        for (int s = 0; s < sent.length && s < next.length; s++) {
            if (lost(s, sent[s]) > 0) {
                return false;
            }
        }
        return true;
    }
}
