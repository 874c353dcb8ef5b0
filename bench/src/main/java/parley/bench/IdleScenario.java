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
        CpuWindow window = CpuWindow.start(cpu, system, before);
        long start = System.nanoTime();
        long deadline = start + w.joinTimeout().toNanos();
        try (LoadEngine engine = new LoadEngine(state, target.address(), w.loadThreads())) {
            int submitted = 0;
            while (System.nanoTime() < deadline && state.settled() < n) {
                while (submitted < n && submitted - state.settled() < w.connectConcurrency()) {
                    engine.connect(new LoadClient(submitted, LoadClient.Role.IDLE, -1, prefix + submitted));
                    submitted++;
                }
                progress.update(label, "connecting", state.settled() / (double) Math.max(1, n),
                        String.format("%,d/%,d in their rooms, %,d failed", state.ready(), n, state.failed()));
                Thread.sleep(TICK_MILLIS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Optional<ProcessSample> after = target.sample();
            CpuWindow.Seconds cpuSeconds = window.end(after);
            // After the CPU window: the collection the bench asks for is not the server's work.
            OptionalLong heapAfter = target.collectGarbage();
            Optional<ProcessSample> collected = target.sample();
            engine.stop();

            Arrivals arrivals = Arrivals.of(engine.clients());
            LatencyRecorder connect = arrivals.connectTimes();
            int held = arrivals.held();
            if (state.settled() < n) {
                notes.add("timed out after " + w.joinTimeout().toSeconds() + " s");
            }
            if (state.failed() > 0) {
                notes.add(state.failed() + " connects failed, first: " + state.errors().peek());
            }
            notes.add(String.format("held %,d of %,d connections in %.1f s; latency columns are connect times",
                    held, wanted, seconds));
            double perConnection = before.isPresent() && collected.isPresent() && held > 0
                    ? (collected.get().rssBytes() - before.get().rssBytes()) / 1024.0 / held : Double.NaN;
            double heapPerConnection = heapBefore.isPresent() && heapAfter.isPresent() && held > 0
                    ? (heapAfter.getAsLong() - heapBefore.getAsLong()) / 1024.0 / held : Double.NaN;
            return new Result(name, Scenario.IDLE.label(), repeat, Double.NaN, Double.NaN,
                    connect.percentileMillis(50), connect.percentileMillis(99), connect.percentileMillis(99.9),
                    connect.maxMillis(), wanted - held, Double.NaN, cpuSeconds.server(),
                    after.map(s -> s.peakRssBytes() / 1048576.0).orElse(Double.NaN),
                    after.map(s -> (double) s.threads()).orElse(Double.NaN),
                    cpuSeconds.own(), cpuSeconds.other(), seconds, held, perConnection, heapPerConnection,
                    String.join("; ", notes), connect.curve());
        }
    }
}
