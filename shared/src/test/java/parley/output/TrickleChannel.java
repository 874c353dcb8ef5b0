package parley.output;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;

/**
 * A channel like a slow socket: each write takes at most {@code perCall} bytes, and once {@code window} bytes
 * are taken it takes nothing (returns 0) until the test {@link #drain}s it, as a full socket buffer would.
 */
class TrickleChannel implements GatheringByteChannel {

    private final int perCall;
    private final int window;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int inWindow;
    private boolean open = true;
    int calls;

    TrickleChannel(int perCall, int window) {
        this.perCall = perCall;
        this.window = window;
    }

    /** The peer read everything: the window is open again. */
    void drain() {
        inWindow = 0;
    }

    byte[] received() {
        return received.toByteArray();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
        calls++;
        int allowed = Math.min(perCall, window - inWindow);
        int taken = 0;
        for (int i = offset; i < offset + length && taken < allowed; i++) {
            ByteBuffer src = srcs[i];
            while (src.hasRemaining() && taken < allowed) {
                received.write(src.get());
                taken++;
            }
        }
        inWindow += taken;
        return taken;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws ClosedChannelException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) throws ClosedChannelException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
