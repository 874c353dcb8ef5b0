package parley.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import parley.bench.load.LoadClient;
import parley.bench.load.LoadEngine;
import parley.bench.load.Payload;
import parley.bench.load.RunState;
import parley.bench.load.SendPlan;
import parley.bench.measure.CpuMeter;
import parley.bench.measure.LatencyRecorder;
import parley.bench.measure.SystemCpu;
import parley.bench.report.Result;
import parley.bench.target.ProcessSample;
import parley.bench.target.RunningTarget;

/**
 * fanout, saturate and slow: clients in one room, some or all of them sending. Against a cluster the clients
 * are spread over its nodes round-robin; the latencies are then those of deliveries that crossed nodes.
 *
 * <pre>
 *  connect + join every client (members, then slow ones)   -- wait until all are in the room
 *  plan: warm-up | measured window                          -- senders go (fixed rate, or in-flight window)
 *  sample server + own CPU at the window's start and end
 *  drain: until every member has every message (bounded)
 *  stop loops; count lost / reordered exactly; merge latencies; ask what became of the slow clients
 * </pre>
 */
final class RoomScenario {

    private static final long SEND_START_NANOS = 50_000_000;
    private static final long TICK_MILLIS = 50;
    /** The load generator's share of its CPUs above which it may have been the limit. */
    private static final double BUSY_LOAD_GENERATOR = 0.85;
    private static final long SLOW_PROBE_BYTES = 256L * 1024 * 1024;

    private final Workload w;
    private final Progress progress;
    private final CpuMeter cpu = new CpuMeter();
    private final SystemCpu system = new SystemCpu();

    RoomScenario(Workload w, Progress progress) {
        this.w = w;
        this.progress = progress;
    }

    /**
     * @param name  the target's name in the results
     * @param label what the progress line calls this run
     */
    Result run(RunningTarget target, String name, Scenario scenario, int repeat, String label)
            throws IOException, InterruptedException {
        boolean saturate = scenario == Scenario.SATURATE;
        int members = w.clients();
        int senders = saturate ? members : Math.min(w.senders(), members);
        int slow = scenario == Scenario.SLOW ? w.slowClients() : 0;
        long runId = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 24);
        String room = "bench-" + Long.toHexString(runId);
        RunState state = new RunState(target.adapter(), new Payload(runId, w.payloadBytes()), senders);
        List<String> notes = new ArrayList<>();
        int nodes = target.addresses().size();
        try (LoadEngine engine = new LoadEngine(state, target.addresses(), w.loadThreads())) {
            for (int i = 0; i < members + slow; i++) {
                boolean isSlow = i >= members;
                engine.connect(new LoadClient(i, isSlow ? LoadClient.Role.SLOW : LoadClient.Role.MEMBER,
                        i < senders ? i : -1, room));
            }
            if (!awaitJoined(state, members + slow, label)) {
                engine.stop();
                String why = "only " + state.ready() + " of " + (members + slow) + " clients joined"
                        + (state.errors().isEmpty() ? "" : " (" + state.errors().peek() + ")");
                progress.done(label, "failed: " + why);
                return Result.skipped(name, scenario.label(), repeat, why);
            }

            long origin = System.nanoTime();
            long measureStart = SEND_START_NANOS + w.warmup().toNanos();
            SendPlan plan = new SendPlan(!saturate, 1_000_000_000L / Math.max(1, w.ratePerSender()), w.window(),
                    origin, SEND_START_NANOS, measureStart, measureStart + w.duration().toNanos());
            engine.startSending(plan);

            Window window = measure(target, engine, plan, label);
            boolean drained = drain(engine, plan, label);
            Optional<ProcessSample> end = target.sample();
            engine.stop();

            long[] sent = sentCounts(state, engine.clients());
            long lost = 0;
            long reordered = 0;
            for (LoadClient c : engine.clients()) {
                if (c.checker() != null) {
                    for (int s = 0; s < senders; s++) {
                        lost += c.checker().lost(s, sent[s]);
                    }
                    reordered += c.checker().reordered();
                }
            }
            // The JVM counts the CPUs this process may run on (one, when pinned).
            int loadCpus = Runtime.getRuntime().availableProcessors();
            double loadShare = window.loadGenCpuSeconds() / plan.windowSeconds() / loadCpus;
            if (loadShare >= BUSY_LOAD_GENERATOR) {
                notes.add(String.format("load generator busy %.0f%% of its %d CPU(s): it may be the limit",
                        100 * loadShare, loadCpus));
            }
            if (!drained) {
                notes.add("drain timed out after " + w.drain().toSeconds() + " s");
            }
            long closedMembers = engine.clients().stream()
                    .filter(c -> c.checker() != null && c.isClosed()).count();
            if (closedMembers > 0) {
                notes.add(closedMembers + " members closed by the server");
            }
            if (slow > 0) {
                notes.add(slowOutcome(engine.clients(), state, plan));
            }
            if (state.errorCount() > 0) {
                notes.add(state.errorCount() + " errors, first: " + state.errors().peek());
            }
            LatencyRecorder latency = engine.latency();
            if (nodes > 1) {
                notes.add(ClusterNotes.latency(nodes, latency, engine.sameNodeLatency()));
            }
            if (!window.cpuByProcess().isEmpty()) {
                notes.add(window.cpuByProcess());
            }
            double secs = plan.windowSeconds();
            return new Result(name, scenario.label(), repeat, engine.sentInWindow() / secs,
                    engine.deliveredInWindow() / secs, latency.percentileMillis(50), latency.percentileMillis(99),
                    latency.percentileMillis(99.9), latency.maxMillis(), lost, reordered,
                    window.serverCpuSeconds(), end.map(s -> s.peakRssBytes() / 1048576.0).orElse(Double.NaN),
                    window.maxThreads(), window.loadGenCpuSeconds(), window.otherCpuSeconds(), secs, members,
                    Double.NaN, Double.NaN,
                    String.join("; ", notes), latency.curve());
        }
    }

    private boolean awaitJoined(RunState state, int expected, String label) throws InterruptedException {
        long deadline = System.nanoTime() + w.joinTimeout().toNanos();
        while (state.ready() < expected && state.failed() + state.closedByServer() == 0
                && System.nanoTime() < deadline) {
            progress.update(label, "joining  ", state.ready() / (double) expected,
                    state.ready() + "/" + expected + " in the room");
            Thread.sleep(TICK_MILLIS);
        }
        return state.ready() >= expected;
    }

    /**
     * What was sampled at the start and end of the measured window; {@code cpuByProcess} is each process's
     * share when the target is several (a cluster), else empty.
     */
    private record Window(double serverCpuSeconds, double loadGenCpuSeconds, double maxThreads,
                          double otherCpuSeconds, String cpuByProcess) {
    }

    private Window measure(RunningTarget target, LoadEngine engine, SendPlan plan, String label)
            throws InterruptedException {
        Optional<ProcessSample> serverStart = Optional.empty();
        Map<String, ProcessSample> partsStart = Map.of();
        long cpuStart = -1;
        long systemStart = -1;
        int maxThreads = 0;
        boolean started = false;
        long total = plan.measureEnd();
        while (true) {
            long t = System.nanoTime() - plan.origin();
            if (!started && t >= plan.measureStart()) {
                started = true;
                serverStart = target.sample();
                partsStart = target.parts();
                cpuStart = cpu.processCpuNanos();
                systemStart = system.busyNanos();
            }
            if (t >= plan.measureEnd()) {
                break;
            }
            Optional<ProcessSample> now = target.sample();
            maxThreads = Math.max(maxThreads, now.map(ProcessSample::threads).orElse(0));
            String phase = started ? "measuring" : "warm-up  ";
            progress.update(label, phase, t / (double) total, String.format("%.1f/%.1f s  deliveries %,d",
                    t / 1e9, total / 1e9, engine.state().deliveries()));
            long untilEdge = (started ? plan.measureEnd() : plan.measureStart()) - t;
            Thread.sleep(Math.max(1, Math.min(TICK_MILLIS, untilEdge / 1_000_000 + 1)));
        }
        Optional<ProcessSample> serverEnd = target.sample();
        String cpuByProcess = ClusterNotes.cpu(partsStart, target.parts());
        long cpuEnd = cpu.processCpuNanos();
        long systemEnd = system.busyNanos();
        double serverCpu = serverStart.isPresent() && serverEnd.isPresent()
                ? (serverEnd.get().cpuNanos() - serverStart.get().cpuNanos()) / 1e9 : Double.NaN;
        double ownCpu = cpuStart >= 0 && cpuEnd >= 0 ? (cpuEnd - cpuStart) / 1e9 : Double.NaN;
        maxThreads = Math.max(maxThreads, serverEnd.map(ProcessSample::threads).orElse(0));
        // Sampled one after the other in 10 ms ticks: a quiet machine can come out a little below zero.
        double other = systemStart >= 0 && systemEnd >= 0 && !Double.isNaN(ownCpu)
                ? Math.max(0, (systemEnd - systemStart) / 1e9 - ownCpu - (Double.isNaN(serverCpu) ? 0 : serverCpu))
                : Double.NaN;
        return new Window(serverCpu, ownCpu, maxThreads == 0 ? Double.NaN : maxThreads, other, cpuByProcess);
    }

    private boolean drain(LoadEngine engine, SendPlan plan, String label) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + w.drain().toNanos();
        while (!engine.drained() && System.nanoTime() < deadline) {
            progress.update(label, "draining ", (System.nanoTime() - start) / (double) w.drain().toNanos(),
                    String.format("deliveries %,d", engine.state().deliveries()));
            Thread.sleep(TICK_MILLIS / 5);
        }
        return engine.drained();
    }

    /** What each sender sent: its final count, or (a sender closed before the end) how far it got. */
    private static long[] sentCounts(RunState state, List<LoadClient> clients) {
        long[] sent = new long[state.senders()];
        for (LoadClient c : clients) {
            if (c.senderId() >= 0) {
                sent[c.senderId()] = c.sent();
            }
        }
        return sent;
    }

    /** e.g. {@code slow: 5/5 closed by the server after 6.2-6.9 s (slow consumer: ...)} or {@code 0/5 closed}. */
    private static String slowOutcome(List<LoadClient> clients, RunState state, SendPlan plan) {
        Map<String, RunState.Departure> left = state.departures().stream()
                .collect(Collectors.toMap(RunState.Departure::address, Function.identity(), (a, b) -> a));
        List<LoadClient> slow = clients.stream().filter(c -> c.role() == LoadClient.Role.SLOW).toList();
        int closed = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        String reason = "";
        for (LoadClient c : slow) {
            RunState.Departure d = left.get(c.localAddress());
            if (d != null) {
                closed++;
                double at = (d.nanoTime() - plan.origin()) / 1e9;
                first = Double.isNaN(first) ? at : Math.min(first, at);
                last = Double.isNaN(last) ? at : Math.max(last, at);
                reason = d.reason();
            } else if (c.probeClosed(SLOW_PROBE_BYTES)) {
                closed++;
            }
        }
        StringBuilder out = new StringBuilder("slow: ").append(closed).append('/').append(slow.size())
                .append(" closed by the server");
        if (!Double.isNaN(first)) {
            out.append(String.format(" %.1f-%.1f s after sending began", first, last));
        } else if (closed > 0) {
            out.append(" by the end of the run");
        } else {
            out.append(String.format(" in %.0f s of sending", plan.measureEnd() / 1e9));
        }
        if (!reason.isEmpty()) {
            out.append(" (").append(reason).append(')');
        }
        return out.toString();
    }
}
