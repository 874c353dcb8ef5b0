package parley.bench;

import java.io.IOException;
import java.time.Duration;
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
 * idle: open many connections that then do nothing, a bounded number at a time, twice; the second time is
 * measured.
 *
 * <pre>
 *  round 1 (warm-up), on the fresh server:
 *    full GC (jcmd GC.run), sample (RSS, live heap); open N connections, at most C connecting at once, each
 *    joining a room of its own (so N people in one room do not turn N joins into N^2 announcements);
 *    full GC, sample at once: the cold reading, kept in the notes (it is how this was measured before)
 *    all N leave; wait until the server has closed their sockets (its open files, from /proc)
 *  round 2 (measured), the same N again:
 *    settle: idle 12 s, full GC (live heap), idle 12 s, sample (RSS)
 *    open N as above (connect time = connect() to the first byte, the welcome); sample (CPU, threads)
 *    settle again:
 *    (RSS after - before) / held = memory per connection; (heap after - before) / held = its Java heap part
 * </pre>
 *
 * Why two rounds: the first connections a server sees pay once for the whole server (classes loaded, code
 * compiled, the output pool's kept chunks, malloc arenas grown by the compiler), 0.5 to 1 KiB per connection
 * of 10,000 when counted as if each kept it. The second round measures what one more idle connection costs a
 * server that has already served some. (What the first round leaves behind, the core's maps' tables sized for
 * N, is in the second round's baseline: about 70 bytes per connection, see docs/BENCHMARKS.md.)
 *
 * Why the full GC: without it the delta counts the garbage of the connect burst as if each connection kept
 * it. Why the settle around it: a burst's output chunks stay in the pool for ten seconds, a full GC that
 * shrinks the heap hands the freed regions back to the OS in the background (G1 uncommits concurrently), and
 * malloc keeps freed native memory until the launcher's periodic trim (-XX:TrimNativeHeapInterval, 10 s):
 * read at once, RSS still holds up to tens of MB that the idle server gives back within seconds, a different amount
 * each time, in the baseline as in the reading after. That, not the server, made single runs spread from 2.3
 * to 5.0 KiB per connection.
 *
 * The bench needs a file descriptor per connection: when its limit is lower than N it opens what it can
 * and says so.
 */
final class IdleScenario {

    private static final long TICK_MILLIS = 20;
    private static final long FD_RESERVE = 200;
    /** How long the server is left idle before and after a GC: longer than the pool's 10 s window and the launcher's 10 s native-heap trim. */
    private static final Duration SETTLE = Duration.ofSeconds(12);
    /** Files the server may have open beyond its count before round 1 and still be done closing round 1's. */
    private static final long FILES_SLACK = 16;

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

        // Round 1, the warm-up: read the old way (at once after the GC) for the notes, then everyone leaves.
        OptionalLong filesEmpty = target.openFiles();
        OptionalLong coldHeapBefore = target.collectGarbage();
        Optional<ProcessSample> coldBefore = target.sample();
        try (Round cold = connect(target, runId, prefix + "w", n, label, "warming up")) {
            OptionalLong coldHeapAfter = target.collectGarbage();
            Optional<ProcessSample> coldAfter = target.sample();
            Arrivals arrivals = Arrivals.of(cold.engine.clients());
            notes.add(String.format("warm-up round on the cold server, read at once after its GC (as measured until "
                    + "2026-11-29): %s KiB RSS, %s KiB heap per connection, connect p99 %.0f ms",
                    kib(perConnection(coldBefore, coldAfter, arrivals.held())),
                    kib(perConnection(coldHeapBefore, coldHeapAfter, arrivals.held())),
                    arrivals.connectTimes().percentileMillis(99)));
        }
        if (!awaitClosed(target, filesEmpty, label)) {
            notes.add("the server had not closed the warm-up's connections after " + w.joinTimeout().toSeconds() + " s");
        }

        // Round 2, measured.
        Settled before = settle(target, label);
        CpuWindow window = CpuWindow.start(cpu, system, target.sample());
        try (Round round = connect(target, runId, prefix, n, label, "connecting")) {
            Optional<ProcessSample> after = target.sample();
            CpuWindow.Seconds cpuSeconds = window.end(after);
            // After the CPU window: the collection the bench asks for is not the server's work.
            Settled collected = settle(target, label);
            round.engine.stop();

            Arrivals arrivals = Arrivals.of(round.engine.clients());
            LatencyRecorder connect = arrivals.connectTimes();
            int held = arrivals.held();
            if (round.state.settled() < n) {
                notes.add("timed out after " + w.joinTimeout().toSeconds() + " s");
            }
            if (round.state.failed() > 0) {
                notes.add(round.state.failed() + " connects failed, first: " + round.state.errors().peek());
            }
            notes.add(0, String.format("held %,d of %,d connections in %.1f s, after a warm-up round of as many that "
                    + "left; each reading idle %d s, GC, idle %d s; latency columns are connect times",
                    held, wanted, round.seconds, SETTLE.toSeconds(), SETTLE.toSeconds()));
            return new Result(name, Scenario.IDLE.label(), repeat, Double.NaN, Double.NaN,
                    connect.percentileMillis(50), connect.percentileMillis(99), connect.percentileMillis(99.9),
                    connect.maxMillis(), wanted - held, Double.NaN, cpuSeconds.server(),
                    after.map(s -> s.peakRssBytes() / 1048576.0).orElse(Double.NaN),
                    after.map(s -> (double) s.threads()).orElse(Double.NaN),
                    cpuSeconds.own(), cpuSeconds.other(), round.seconds, held,
                    perConnection(before.process, collected.process, held),
                    perConnection(before.liveHeap, collected.liveHeap, held),
                    String.join("; ", notes), connect.curve());
        }
    }

    /** Connections being opened, then held until closed. */
    private static final class Round implements AutoCloseable {
        final RunState state;
        final LoadEngine engine;
        double seconds;

        Round(RunState state, LoadEngine engine) {
            this.state = state;
            this.engine = engine;
        }

        /** Everyone leaves: the sockets close. */
        @Override
        public void close() {
            engine.close();
        }
    }

    /** Opens {@code n} connections, each joining a room of its own, and returns once all are in (or failed, or time is up). */
    private Round connect(RunningTarget target, long runId, String prefix, int n, String label, String phase)
            throws IOException, InterruptedException {
        RunState state = new RunState(target.adapter(), new Payload(runId, w.payloadBytes()), 0);
        Round round = new Round(state, new LoadEngine(state, target.address(), w.loadThreads()));
        long start = System.nanoTime();
        long deadline = start + w.joinTimeout().toNanos();
        int submitted = 0;
        try {
            while (System.nanoTime() < deadline && state.settled() < n) {
                while (submitted < n && submitted - state.settled() < w.connectConcurrency()) {
                    round.engine.connect(new LoadClient(submitted, LoadClient.Role.IDLE, -1, prefix + submitted));
                    submitted++;
                }
                progress.update(label, phase, state.settled() / (double) Math.max(1, n),
                        String.format("%,d/%,d in their rooms, %,d failed", state.ready(), n, state.failed()));
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException | RuntimeException e) {
            round.close();
            throw e;
        }
        round.seconds = (System.nanoTime() - start) / 1e9;
        return round;
    }

    /**
     * Waits until the server has as many files open as before round 1 (give or take a few), so that the
     * baseline does not count round 1's connections still being closed; false if it had not by the join
     * timeout. Without a count (not Linux, not our process) it waits for nothing.
     */
    private boolean awaitClosed(RunningTarget target, OptionalLong filesEmpty, String label) throws InterruptedException {
        if (filesEmpty.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + w.joinTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong open = target.openFiles();
            if (open.isEmpty() || open.getAsLong() <= filesEmpty.getAsLong() + FILES_SLACK) {
                return true;
            }
            progress.update(label, "warm-up leaving", 1, String.format("%,d files open", open.getAsLong()));
            Thread.sleep(TICK_MILLIS);
        }
        return false;
    }

    /** A reading of the server at rest: its live heap right after a GC, its RSS {@link #SETTLE} later. */
    private record Settled(OptionalLong liveHeap, Optional<ProcessSample> process) {
    }

    /**
     * What an idle server holds, not what it has yet to hand back: idle for {@link #SETTLE} (the output pool lets
     * go of the chunks a burst took once ten seconds have passed without needing them), a full GC (which frees
     * them, and shrinks the heap), idle for {@link #SETTLE} again (G1 uncommits the freed regions in the
     * background, and the launcher's native-heap trim runs every 10 s), then RSS.
     */
    private Settled settle(RunningTarget target, String label) throws InterruptedException {
        progress.update(label, "settling", 1, "idle " + SETTLE.toSeconds() + " s, GC, idle " + SETTLE.toSeconds() + " s");
        Thread.sleep(SETTLE.toMillis());
        OptionalLong liveHeap = target.collectGarbage();
        Thread.sleep(SETTLE.toMillis());
        return new Settled(liveHeap, target.sample());
    }

    private static double perConnection(Optional<ProcessSample> before, Optional<ProcessSample> after, int held) {
        return before.isPresent() && after.isPresent() && held > 0
                ? (after.get().rssBytes() - before.get().rssBytes()) / 1024.0 / held : Double.NaN;
    }

    private static double perConnection(OptionalLong before, OptionalLong after, int held) {
        return before.isPresent() && after.isPresent() && held > 0
                ? (after.getAsLong() - before.getAsLong()) / 1024.0 / held : Double.NaN;
    }

    private static String kib(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.1f", value);
    }
}
