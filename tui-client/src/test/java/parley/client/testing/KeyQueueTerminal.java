package parley.client.testing;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Lanterna's virtual terminal with keys that can be waited for while it is drawn on. The client's
 * {@code run()} reads keys on a thread of its own that blocks in {@code readInput}; DefaultVirtualTerminal
 * holds its monitor while it waits there, which would stop every draw. Real terminals use a separate lock.
 */
public final class KeyQueueTerminal extends DefaultVirtualTerminal {

    private final BlockingQueue<KeyStroke> keys = new LinkedBlockingQueue<>();

    public KeyQueueTerminal(TerminalSize size) {
        super(size);
    }

    @Override
    public void addInput(KeyStroke key) {
        keys.add(key);
    }

    @Override
    public KeyStroke pollInput() {
        return keys.poll();
    }

    @Override
    public KeyStroke readInput() {
        try {
            return keys.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a key", e);
        }
    }
}
