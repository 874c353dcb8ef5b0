package parley.server;

/**
 * How new connections are let in, the same in both backends. docs/SECURITY.md lists them with their flags.
 *
 * @param rate    how fast connections may arrive, in all, per address and per network
 * @param backlog the listening socket's queue of connections the kernel has completed and the server not yet
 *                accepted; Linux silently caps it at {@code net.core.somaxconn} (4096 on current kernels)
 */
public record Arrivals(ConnectRate.Limits rate, int backlog) {

    /**
     * Why 4096: a storm of 1,000 connections a second fills a queue of 1,024 in a second if the acceptor stalls
     * for that long (a pause of the JVM, a busy machine), and a connection that finds the queue full stays
     * half-open on the client's side, never welcomed, until the kernel gives up on it. The queue costs nothing
     * while empty.
     */
    public static final int DEFAULT_BACKLOG = 4096;

    public static Arrivals defaults() {
        return new Arrivals(ConnectRate.Limits.DEFAULT, DEFAULT_BACKLOG);
    }

    public Arrivals withRate(ConnectRate.Limits value) {
        return new Arrivals(value, backlog);
    }
}
