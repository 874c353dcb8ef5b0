package parley.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.metrics.ServerMetrics;

/**
 * Where both backends' acceptors send each new socket: it is admitted under the connection rate and caps, or
 * told why not in one line and closed, while the server goes on accepting others. Nothing is built for a
 * connection before it is admitted, and a refusal is counted, not logged: a storm would otherwise fill the log
 * (the ticker logs one summary per interval, see {@link #summarize()}).
 */
public final class Gatekeeper {

    private final ConnectRate rate;
    private final Admission admission;
    private final Refusals refusals;
    private final ChatCore core;
    private final ServerLog log;

    public Gatekeeper(ServerSettings settings, ChatCore core) {
        this.rate = new ConnectRate(settings.arrivals().rate(), settings.clock());
        this.admission = new Admission(settings.limits().maxClients(), settings.limits().maxPerIp());
        this.refusals = new Refusals(settings.clock());
        this.core = core;
        this.log = settings.log();
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
        // The rate first: it takes no lock, so a storm never queues on the core's lock for the ban check. A
        // connection refused for coming too fast or for a ban never takes a slot of the caps.
        Optional<String> refusal = rate.admit(ip).or(() -> core.banned(ip)).or(() -> admission.admit(ip));
        if (refusal.isEmpty()) {
            core.metrics().accepted();
            return Optional.of(ip);
        }
        refusals.count(refusal.get());
        core.metrics().refused(label(refusal.get()));
        refuse(channel, refusal.get());
        return Optional.empty();
    }

    /** The metric label of a refusal {@link Admission} gave. */
    static ServerMetrics.Refusal label(String refusal) {
        return switch (refusal) {
            case Admission.SERVER_FULL -> ServerMetrics.Refusal.SERVER_FULL;
            case Admission.TOO_MANY_FROM_YOU -> ServerMetrics.Refusal.PER_ADDRESS;
            case ConnectRate.TOO_FAST -> ServerMetrics.Refusal.CONNECT_RATE;
            default -> ServerMetrics.Refusal.OTHER;
        };
    }

    public void release(InetAddress ip) {
        admission.release(ip);
    }

    /** The refusals so far, by reason. */
    public Refusals refusals() {
        return refusals;
    }

    /** Logs the refusals since the last summary, at most once per {@link Refusals#SUMMARY_INTERVAL}: the ticker's job. */
    public void summarize() {
        refusals.summary().ifPresent(log::info);
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
