package parley.bench.target;

import java.net.InetSocketAddress;
import java.util.Optional;
import parley.bench.load.ParleyLineAdapter;
import parley.bench.load.WireAdapter;

/** Any running server that speaks parley's text protocol; the bench neither starts nor stops it. */
public final class LineTarget implements RunningTarget {

    private final InetSocketAddress address;

    public LineTarget(String host, int port) {
        this.address = new InetSocketAddress(host, port);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public WireAdapter adapter() {
        return new ParleyLineAdapter();
    }

    @Override
    public Optional<ProcessSample> sample() {
        return Optional.empty();
    }

    @Override
    public String stop() {
        return "";
    }
}
