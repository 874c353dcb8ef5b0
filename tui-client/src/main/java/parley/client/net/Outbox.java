package parley.client.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Lines waiting to be written, and the writer thread's loop.
 *
 * <p>Whoever sends only appends here and never touches the socket, so typing never waits on the network. While
 * disconnected the lines simply stay; on reconnect the restore commands go first, then the kept lines in order.
 * A line leaves the queue only after it was written whole.
 */
final class Outbox {

    private final Deque<String> pending = new ArrayDeque<>();
    private Socket socket;
    private OutputStream out;
    private boolean closed;

    /** Queues a line; returns whether a connection is up to take it now. */
    synchronized boolean offer(String line) {
        pending.addLast(line);
        notifyAll();
        return out != null;
    }

    /** A session is ready: {@code first} goes before what was kept. Returns how many lines were kept. */
    synchronized int attach(Socket s, List<String> first) throws IOException {
        int kept = pending.size();
        for (int i = first.size() - 1; i >= 0; i--) {
            pending.addFirst(first.get(i));
        }
        socket = s;
        out = s.getOutputStream();
        notifyAll();
        return kept;
    }

    synchronized void detach() {
        socket = null;
        out = null;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized int size() {
        return pending.size();
    }

    /** Waits until everything queued was written (or the time is up); for a polite /quit before closing. */
    synchronized boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && out != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return pending.isEmpty();
    }

    /** The writer thread's body: write lines while connected, until closed. */
    void writeUntilClosed() {
        while (true) {
            String line;
            OutputStream target;
            Socket owner;
            synchronized (this) {
                while (!closed && (out == null || pending.isEmpty())) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                line = pending.peekFirst();
                target = out;
                owner = socket;
            }
            try {
                target.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                target.flush();
                synchronized (this) {
                    // Written whole: done with, even if the reader saw the connection drop meanwhile (and a new
                    // one put its restore lines in front). Kept, it would be said twice after the reconnect.
                    removeSame(line);
                    notifyAll();
                }
            } catch (IOException e) {
                synchronized (this) {
                    if (out == target) {
                        detach();
                    }
                    notifyAll();
                }
                closeQuietly(owner);    // wakes the reader, which reconnects
            }
        }
    }

    /** Removes this very line (not an equal one: a restore line may read the same). */
    private void removeSame(String line) {
        for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
            if (it.next() == line) {
                it.remove();
                return;
            }
        }
    }

    static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a broken socket: nothing more to do
            }
        }
    }
}
