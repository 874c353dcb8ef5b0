package parley.history.sqlite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import parley.history.StoredLine;

/**
 * The lines appended and not yet committed, oldest (lowest id) first: the writer's queue, and what reads add to
 * what the file holds.
 *
 * <pre>
 *  append --offer--> [ in flight (the writer's batch) | waiting (at most capacity) ] --take--> writer
 *                      ^ committed(n) removes them only after their COMMIT: until then reads find them here
 * </pre>
 *
 * <p>One lock, held for a few instructions: an append is one deque insert. The writer is signalled only when
 * it sleeps for want of lines, not once per line: while it waits out a batch's window it is not woken at all,
 * so a busy core pays no wake-up (a futex call, a context switch on a one-CPU server) per line.
 */
final class PendingLines {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrivedOrClosed = lock.newCondition();
    private final ArrayDeque<StoredLine> lines;
    private final int capacity;
    /** The first {@code inFlight} lines are in the writer's batch. */
    private int inFlight;
    private boolean writerIdle;
    private boolean closed;

    PendingLines(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 4_096));
    }

    /** Adds the line behind the others; false if {@code capacity} lines already wait or the store is closed. */
    boolean offer(StoredLine line) {
        lock.lock();
        try {
            if (closed || lines.size() - inFlight >= capacity) {
                return false;
            }
            lines.addLast(line);
            if (writerIdle) {
                writerIdle = false;
                arrivedOrClosed.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** No line is accepted after this; the writer is woken to store what waits and stop. */
    void close() {
        lock.lock();
        try {
            closed = true;
            arrivedOrClosed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer, with no batch in flight: waits up to {@code nanos} for a line. Returns whether lines wait;
     * returns early at close.
     */
    boolean awaitLines(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (lines.isEmpty() && !closed && nanos > 0) {
                writerIdle = true;
                nanos = arrivedOrClosed.awaitNanos(nanos);
            }
            writerIdle = false;
            return !lines.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The writer: waits up to {@code nanos} unless the store closes first (a batch's window). */
    void awaitClose(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && nanos > 0) {
                nanos = arrivedOrClosed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Closed, and every line stored or given up: nothing more can come. */
    boolean closedAndEmpty() {
        lock.lock();
        try {
            return closed && lines.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The writer: puts up to {@code max} of the oldest lines into {@code batch}; they stay here until committed. */
    void take(List<StoredLine> batch, int max) {
        lock.lock();
        try {
            Iterator<StoredLine> it = lines.iterator();
            for (int skip = 0; skip < inFlight; skip++) {
                it.next();
            }
            while (batch.size() < max && it.hasNext()) {
                batch.add(it.next());
                inFlight++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The writer: its batch of {@code n} lines has committed (or is given up); reads now find them in the file. */
    void committed(int n) {
        lock.lock();
        try {
            for (int i = 0; i < n; i++) {
                lines.removeFirst();
            }
            inFlight -= n;
        } finally {
            lock.unlock();
        }
    }

    /** The pending lines of {@code room}: copied under the lock, sorted outside it. */
    NavigableMap<Long, StoredLine> inRoom(String room) {
        List<StoredLine> matching = new ArrayList<>();
        lock.lock();
        try {
            for (StoredLine line : lines) {
                if (line.room().equals(room)) {
                    matching.add(line);
                }
            }
        } finally {
            lock.unlock();
        }
        NavigableMap<Long, StoredLine> byId = new TreeMap<>();
        matching.forEach(line -> byId.put(line.id(), line));
        return byId;
    }
}
