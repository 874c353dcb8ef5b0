package parley.selector;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real selector that also counts {@link #wakeup()} calls and tells whether a thread is blocked in
 * {@link #select(long)}: what {@link TaskHandoff}'s coalescing promises is seen from outside, through the
 * selector it is given, not through counters kept in the production code for tests.
 */
final class CountingSelector extends Selector {

    private final Selector real;
    private final AtomicInteger wakeups = new AtomicInteger();
    private volatile boolean blocked;

    CountingSelector(Selector real) {
        this.real = real;
    }

    int wakeups() {
        return wakeups.get();
    }

    /** True while a thread is inside a blocking select. */
    boolean blocked() {
        return blocked;
    }

    @Override
    public Selector wakeup() {
        wakeups.incrementAndGet();
        return real.wakeup();
    }

    @Override
    public int select(long timeout) throws IOException {
        blocked = true;
        try {
            return real.select(timeout);
        } finally {
            blocked = false;
        }
    }

    @Override
    public int select() throws IOException {
        return select(0);
    }

    @Override
    public int selectNow() throws IOException {
        return real.selectNow();
    }

    @Override
    public boolean isOpen() {
        return real.isOpen();
    }

    @Override
    public SelectorProvider provider() {
        return real.provider();
    }

    @Override
    public Set<SelectionKey> keys() {
        return real.keys();
    }

    @Override
    public Set<SelectionKey> selectedKeys() {
        return real.selectedKeys();
    }

    @Override
    public void close() throws IOException {
        real.close();
    }
}
