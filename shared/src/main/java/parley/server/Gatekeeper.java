package parley.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import parley.core.ChatCore;
import parley.core.ServerLog;

/**
 * Where both backends' acceptors send each new socket: it is admitted under the connection caps, or told
 * why not in one line and closed, while the server goes on accepting others.
 */
public final class Gatekeeper {

    private final Admission admission;
    private final ChatCore core;
    private final ServerLog log;

    public Gatekeeper(Limits limits, ChatCore core, ServerLog log) {
        this.admission = new Admission(limits.maxClients(), limits.maxPerIp());
        this.core = core;
        this.log = log;
    }

    /**
     * Admits {@code channel}, or refuses it: then it has been sent the reason and closed.
     *
     * @return the admitted peer address, which must be {@linkplain #release released} when the connection
     *     closes; empty when refused
     */
    public Optional<InetAddress> admit(SocketChannel channel) {
        InetAddress ip;
        try {
            ip = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        } catch (IOException | RuntimeException e) {
            Quietly.close(channel); // gone before we looked: nothing to refuse
            return Optional.empty();
        }
        // A banned address is refused before it is counted, so it never holds a connection slot.
        Optional<String> refusal = core.banned(ip).or(() -> admission.admit(ip));
        if (refusal.isEmpty()) {
            return Optional.of(ip);
        }
        log.info("refused " + ip.getHostAddress() + ": " + refusal.get());
        refuse(channel, refusal.get());
        return Optional.empty();
    }

    public void release(InetAddress ip) {
        admission.release(ip);
    }

    /**
     * One error line, then FIN. Non-blocking: a fresh socket's send buffer is empty, so the line fits; input
     * the client already sent is drained first so the close does not turn into a reset that could discard
     * the line before the client reads it.
     */
    private void refuse(SocketChannel channel, String reason) {
        try {
            channel.configureBlocking(false);
            ByteBuffer line = core.refusal(reason).duplicate();
            channel.write(line);
            channel.shutdownOutput();
            ByteBuffer sink = ByteBuffer.allocate(512);
            while (channel.read(sink) > 0) {
                sink.clear();
            }
        } catch (IOException e) {
            // the client went away first; nothing more to tell it
        } finally {
            Quietly.close(channel);
        }
    }
}
