package parley.selector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import parley.output.OutputBuffer;

/** The plain port: the socket itself. */
final class PlainWire implements Wire {

    private final SocketChannel channel;

    PlainWire(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(ByteBuffer plain) throws IOException {
        return channel.read(plain);
    }

    /** A short read emptied the socket: another read would only return 0. */
    @Override
    public boolean mayReadMore(int n, ByteBuffer plain) {
        return n == plain.capacity();
    }

    @Override
    public long write(OutputBuffer output, long budgetBytes, ByteBuffer[] batch) throws IOException {
        return output.writeTo(channel, budgetBytes, batch);
    }

    @Override
    public boolean hasPendingOutput() {
        return false;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public boolean paused() {
        return false;
    }

    @Override
    public void closing() {
        // TCP's FIN says it all
    }
}
