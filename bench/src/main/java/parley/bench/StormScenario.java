package parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import parley.bench.load.ParleyLineAdapter;
import parley.bench.measure.LatencyRecorder;
import parley.bench.report.Result;
import parley.bench.target.ProcessSample;
import parley.bench.target.RunningTarget;

/**
 * storm: issue 16's black-box connection storm. While an observer and a talker in #lobby exchange numbered
 * probes every 100 ms, N connections arrive at R a second from many loopback addresses (127.0.K.1, a /24
 * each, so per-address and per-network limits see a crowd, not one host).
 *
 * <pre>
 *  observer, talker join #lobby (each names itself, so neither is idle)
 *  probes: the talker says "probe SEQ" every 100 ms; the observer's latency is arrival - send time
 *  storm: open N connections paced evenly at R/s on one selector thread; each one's first line says
 *         welcomed ("welcome to parley") or refused ("!! ..."); the rest is read and thrown away
 *  settle: probes go on for a while after the last arrival; then the last probes are given 5 s to arrive
 *  report: peak RSS, observer p50/p99/max, welcomed / refused / never answered, probes lost, and whether the
 *          observer or the talker was closed (they never should be)
 * </pre>
 *
 * Only a parley server speaks it.
 */
final class StormScenario {

    private static final long PROBE_MILLIS = 100;
    private static final long LAST_PROBES_MILLIS = 5000;
    private static final double MIB = 1048576.0;

    private final StormOptions.Load storm;
    private final Progress progress;

    StormScenario(StormOptions.Load storm, Progress progress) {
        this.storm = storm;
        this.progress = progress;
    }

    Result run(RunningTarget target, String name, int repeat, String label) throws IOException, InterruptedException {
        if (!(target.adapter() instanceof ParleyLineAdapter)) {
            return Result.skipped(name, Scenario.STORM.label(), repeat, "storm needs a parley server");
        }
        Optional<ProcessSample> empty = target.sample();
        try (Member observer = new Member(target.address(), "observer");
             Member talker = new Member(target.address(), "talker");
             Crowd crowd = new Crowd(target.address())) {
            long start = System.nanoTime();
            long stormNanos = (long) (storm.connections() * 1e9 / storm.rate());
            long end = start + stormNanos + storm.settle().toNanos();
            int sent = 0;
            long nextProbe = start;
            while (System.nanoTime() < end && !observer.closed() && !talker.closed()) {
                long now = System.nanoTime();
                crowd.openUntil((int) Math.min(storm.connections(), (now - start) * storm.rate() / 1_000_000_000L + 1));
                if (now >= nextProbe) {
                    talker.probe(sent++, observer);
                    nextProbe += PROBE_MILLIS * 1_000_000;
                }
                crowd.poll(5);
                progress.update(label, "storming", (now - start) / (double) (end - start), String.format(
                        "%,d opened, %,d welcomed, %,d refused; probes %,d sent, %,d seen", crowd.opened,
                        crowd.welcomed, crowd.refused, sent, observer.probesSeen()));
            }
            long lastProbes = System.nanoTime() + LAST_PROBES_MILLIS * 1_000_000;
            while (observer.probesSeen() < sent && System.nanoTime() < lastProbes && !observer.closed()) {
                crowd.poll(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Optional<ProcessSample> full = target.sample();
            LatencyRecorder latency = observer.latency();
            int lost = sent - observer.probesSeen();
            int wellBehavedClosed = (observer.closed() ? 1 : 0) + (talker.closed() ? 1 : 0);
            int unanswered = crowd.opened - crowd.welcomed - crowd.refused - crowd.failed;
            String notes = String.format("%,d connections at %,d/s from %d addresses: %,d welcomed, %,d refused, "
                            + "%,d never answered, %,d failed to connect; probes: %,d sent, %,d lost; observer max "
                            + "%.0f ms; well-behaved clients closed: %d%s; RSS empty %s, peak %s", crowd.opened,
                    storm.rate(), storm.addresses(), crowd.welcomed, crowd.refused, unanswered, crowd.failed, sent, lost,
                    latency.maxMillis(), wellBehavedClosed, observer.closeReason().or(talker::closeReason)
                            .map(r -> " (" + r + ")").orElse(""), mib(empty.map(ProcessSample::rssBytes)),
                    mib(full.map(ProcessSample::peakRssBytes)));
            return new Result(name, Scenario.STORM.label(), repeat, Double.NaN, Double.NaN,
                    latency.percentileMillis(50), latency.percentileMillis(99), latency.percentileMillis(99.9),
                    latency.maxMillis(), lost, Double.NaN, Double.NaN,
                    full.map(s -> s.peakRssBytes() / MIB).orElse(Double.NaN),
                    full.map(s -> (double) s.threads()).orElse(Double.NaN), Double.NaN, Double.NaN, seconds,
                    crowd.welcomed, Double.NaN, Double.NaN, notes, latency.curve());
        }
    }

    private static String mib(Optional<Long> bytes) {
        return bytes.map(b -> String.format("%.0f MiB", b / MIB)).orElse("n/a");
    }

    /** A well-behaved client on a blocking socket with a reader thread: the observer or the talker. */
    private static final class Member implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final Thread reader;
        /** Probe number -> System.nanoTime() when the talker sent it (filled by the talker, read by the observer). */
        private final ConcurrentHashMap<Integer, Long> sentAt = new ConcurrentHashMap<>();
        private final LatencyRecorder latency = new LatencyRecorder(); // reader thread only until it ends
        private final AtomicInteger probesSeen = new AtomicInteger();
        private volatile boolean closed;
        private volatile String closeReason;
        private volatile Member talker;

        Member(InetSocketAddress server, String nick) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(server, 10_000);
            out = socket.getOutputStream();
            reader = new Thread(this::readLoop, "storm-" + nick);
            reader.setDaemon(true);
            reader.start();
            send("/nick " + nick);
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The talker says probe {@code seq}; {@code observer} measures it. */
        void probe(int seq, Member observer) throws IOException {
            observer.talker = this;
            sentAt.put(seq, System.nanoTime());
            send("probe " + seq);
        }

        private void readLoop() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    int at = line.indexOf("> probe ");
                    Member t = talker;
                    if (at >= 0 && t != null) {
                        Long sent = t.sentAt.remove(Integer.parseInt(line.substring(at + 8).trim()));
                        if (sent != null) {
                            latency.record(System.nanoTime() - sent);
                            probesSeen.incrementAndGet();
                        }
                    } else if (line.contains("!! ") && (line.contains("slow consumer") || line.contains("closing"))) {
                        closeReason = line;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // closed by us at the end, or by the server: closed() tells which mattered
            }
            closed = !socket.isClosed();
        }

        boolean closed() {
            return closed;
        }

        Optional<String> closeReason() {
            return Optional.ofNullable(closeReason);
        }

        int probesSeen() {
            return probesSeen.get();
        }

        LatencyRecorder latency() throws IOException, InterruptedException {
            socket.close();
            reader.join(1000);
            return latency;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The storm's connections, on one selector: opened, connected, their first line classified, the rest read. */
    private final class Crowd implements AutoCloseable {
        private final InetSocketAddress server;
        private final Selector selector = Selector.open();
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        private final List<SocketChannel> channels = new ArrayList<>();
        int opened;
        int welcomed;
        int refused;
        int failed;

        Crowd(InetSocketAddress server) throws IOException {
            this.server = server;
        }

        /** Opens connections until {@code count} have been. */
        void openUntil(int count) {
            while (opened < count) {
                int k = opened % storm.addresses() + 1;
                opened++;
                try {
                    SocketChannel ch = SocketChannel.open();
                    channels.add(ch);
                    ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, (byte) k, 1}), 0));
                    ch.configureBlocking(false);
                    ch.connect(server);
                    ch.register(selector, SelectionKey.OP_CONNECT, new StringBuilder());
                } catch (IOException e) {
                    failed++;
                }
            }
        }

        /** Connects, classifies and drains what is ready, waiting at most {@code millis}. */
        void poll(long millis) throws IOException {
            selector.select(millis);
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel ch = (SocketChannel) key.channel();
                StringBuilder first = (StringBuilder) key.attachment();
                try {
                    if (key.isConnectable()) {
                        ch.finishConnect();
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        buffer.clear();
                        int n = ch.read(buffer);
                        if (n < 0) {
                            key.cancel();
                            ch.close();
                            continue;
                        }
                        if (first != null) {
                            classify(key, first, buffer.flip());
                        }
                    }
                } catch (IOException e) {
                    if (first != null && first.length() == 0 && !ch.isConnected()) {
                        failed++;
                    }
                    key.cancel();
                    ch.close();
                }
            }
            selector.selectedKeys().clear();
        }

        /** Collects the first line; once it is whole, counts the connection welcomed or refused. */
        private void classify(SelectionKey key, StringBuilder first, ByteBuffer bytes) {
            while (bytes.hasRemaining()) {
                char c = (char) bytes.get();
                if (c == '\n') {
                    String line = first.toString();
                    if (line.contains("welcome to parley")) {
                        welcomed++;
                    } else if (line.contains("!! ")) {
                        refused++;
                    }
                    key.attach(null);
                    return;
                }
                if (first.length() < 512) {
                    first.append(c);
                }
            }
        }

        @Override
        public void close() throws IOException {
            for (SocketChannel ch : channels) {
                ch.close();
            }
            selector.close();
        }
    }
}
