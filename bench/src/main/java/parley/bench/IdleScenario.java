package parley.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import parley.bench.load.LoadClient;
import parley.bench.load.LoadEngine;
import parley.bench.load.Payload;
import parley.bench.load.RunState;
import parley.bench.measure.CpuMeter;
import parley.bench.measure.LatencyRecorder;
import parley.bench.measure.SystemCpu;
import parley.bench.report.Result;
import parley.bench.target.ProcessSample;
import parley.bench.target.RunningTarget;

/**
 * idle: open many connections that then do nothing, a bounded number at a time.
 *
 * <pre>
 *  full GC in the server (jcmd GC.run), then sample it (RSS, live heap)
 *  open N connections, at most C connecting at once; each joins a room of its own (so N people in one room
 *    do not turn N joins into N^2 announcements); connect time = connect() to the first byte (the welcome)
 *  wait until every one is in its room (or failed, or the time is up)
 *  sample server again (CPU, threads); full GC, then RSS and live heap:
 *    (RSS after - before) / held = memory per connection; (heap after - before) / held = its Java heap part
 * </pre>
 *
 * The full GC before each RSS sample matters: without it the delta counts the garbage of the connect burst
 * (young regions G1 touched and has not reused yet) as if each connection kept it. The servers run with
 * flags that let G1 give freed heap back (see {@code BenchCommand}'s {@code --server-jvm-opts}).
 *
 * The bench needs a file descriptor per connection: when its limit is lower than N it opens what it can
 * and says so.
 */
final class IdleScenario {

    private static final long TICK_MILLIS = 20;
    private static final long FD_RESERVE = 200;

    private final Workload w;
    private final Progress progress;
    private final CpuMeter cpu = new CpuMeter();
    private final SystemCpu system = new SystemCpu();

    IdleScenario(Workload w, Progress progress) {
        this.w = w;
        this.progress = progress;
    }

    Result run(RunningTarget target, String name, int repeat, String label) throws IOException, InterruptedException {
        List<String> notes = new ArrayList<>();
        int wanted = w.idleConnections();
        int n = wanted;
        long maxFds = cpu.maxFileDescriptors();
        if (maxFds > 0 && cpu.openFileDescriptors() + wanted + FD_RESERVE > maxFds) {
            n = (int) Math.max(0, maxFds - cpu.openFileDescriptors() - FD_RESERVE);
            String warning = "ulimit -n is " + maxFds + ": only " + n + " of " + wanted
                    + " connections can be opened (raise it, e.g. ulimit -n 20000; ./parley raises it)";
            notes.add(warning);
            progress.note("parley bench: " + warning);
        }
        long runId = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 24);
        String prefix = "i" + Long.toHexString(runId) + "-";
        RunState state = new RunState(target.adapter(), new Payload(runId, w.payloadBytes()), 0);
        OptionalLong heapBefore = target.collectGarbage();
        Optional<ProcessSample> before = target.sample();
        long cpuStart = cpu.processCpuNanos();
        long systemStart = system.busyNanos();
        long start = System.nanoTime();
        long deadline = start + w.joinTimeout().toNanos();
        try (LoadEngine engine = new LoadEngine(state, target.address(), w.loadThreads())) {
            int submitted = 0;
            while (System.nanoTime() < deadline && settled(state) < n) {
                while (submitted < n && submitted - settled(state) < w.connectConcurrency()) {
                    engine.connect(new LoadClient(submitted, LoadClient.Role.IDLE, -1, prefix + submitted));
                    submitted++;
                }
                progress.update(label, "connecting", settled(state) / (double) Math.max(1, n),
                        String.format("%,d/%,d in their rooms, %,d failed", state.ready(), n, state.failed()));
                Thread.sleep(TICK_MILLIS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Optional<ProcessSample> after = target.sample();
            long cpuEnd = cpu.processCpuNanos();
            long systemEnd = system.busyNanos();
            // After the CPU window: the collection the bench asks for is not the server's work.
            OptionalLong heapAfter = target.collectGarbage();
            Optional<ProcessSample> collected = target.sample();
            engine.stop();

            LatencyRecorder connect = new LatencyRecorder();
            int held = 0;
            for (LoadClient c : engine.clients()) {
                if (c.connectNanos() >= 0) {
                    connect.record(c.connectNanos());
                }
                if (c.isReady() && !c.isClosed()) {
                    held++;
                }
            }
            if (settled(state) < n) {
                notes.add("timed out after " + w.joinTimeout().toSeconds() + " s");
            }
            if (state.failed() > 0) {
                notes.add(state.failed() + " connects failed, first: " + state.errors().peek());
            }
            notes.add(String.format("held %,d of %,d connections in %.1f s; latency columns are connect times",
                    held, wanted, seconds));
            double serverCpu = before.isPresent() && after.isPresent()
                    ? (after.get().cpuNanos() - before.get().cpuNanos()) / 1e9 : Double.NaN;
            double perConnection = before.isPresent() && collected.isPresent() && held > 0
                    ? (collected.get().rssBytes() - before.get().rssBytes()) / 1024.0 / held : Double.NaN;
            double heapPerConnection = heapBefore.isPresent() && heapAfter.isPresent() && held > 0
                    ? (heapAfter.getAsLong() - heapBefore.getAsLong()) / 1024.0 / held : Double.NaN;
            double ownCpu = cpuStart >= 0 ? (cpuEnd - cpuStart) / 1e9 : Double.NaN;
            double other = systemStart >= 0 && systemEnd >= 0 && !Double.isNaN(ownCpu)
                    ? Math.max(0, (systemEnd - systemStart) / 1e9 - ownCpu - (Double.isNaN(serverCpu) ? 0 : serverCpu))
                    : Double.NaN;
            return new Result(name, Scenario.IDLE.label(), repeat, Double.NaN, Double.NaN,
                    connect.percentileMillis(50), connect.percentileMillis(99), connect.percentileMillis(99.9),
                    connect.maxMillis(), wanted - held, Double.NaN, serverCpu,
                    after.map(s -> s.peakRssBytes() / 1048576.0).orElse(Double.NaN),
                    after.map(s -> (double) s.threads()).orElse(Double.NaN),
                    ownCpu, other, seconds, held, perConnection, heapPerConnection,
                    String.join("; ", notes), connect.curve());
        }
    }

    /** Connections that are in their room, failed to connect, or were closed. */
    private static int settled(RunState state) {
        return state.ready() + state.failed() + state.closedByServer();
    }
}
