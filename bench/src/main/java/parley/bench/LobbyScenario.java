package parley.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import parley.bench.load.LoadClient;
import parley.bench.load.LoadEngine;
import parley.bench.load.ParleyLineAdapter;
import parley.bench.load.Payload;
import parley.bench.load.RunState;
import parley.bench.measure.CpuMeter;
import parley.bench.measure.LatencyRecorder;
import parley.bench.measure.SystemCpu;
import parley.bench.report.Result;
import parley.bench.target.ProcessSample;
import parley.bench.target.RunningTarget;

/**
 * lobby: a reconnect storm into one room, as after a restart, and the memory the operator sees.
 *
 * <pre>
 *  sample the empty server (RSS, CPU)
 *  open N connections paced evenly over the window; each stays in #lobby, where every connection lands
 *    connect time = connect() to the first byte (the welcome); in = its own join line
 *  wait until every one is in (or failed, or closed, or the join timeout)
 *  sample the server: CPU while they arrived, RSS as it is (no GC: what the operator sees),
 *    bytes the clients received / arrivals = what the server sent per arrival,
 *    when the slowest 1% set out (SlowestArrivals: warming up, something periodic, or the load)
 *  close every connection; sample RSS every second while they leave, for the leave watch
 * </pre>
 *
 * Unlike idle, nobody moves to a room of their own and no GC is forced: this is the room a busy server really
 * has, and the memory it really holds. Only a parley server speaks it (Redis has no lobby).
 */
final class LobbyScenario {

    private static final long TICK_MILLIS = 20;
    private static final long SAMPLE_MILLIS = 1000;
    private static final String LOBBY = "lobby";
    private static final double MIB = 1048576.0;

    private final Workload w;
    private final Progress progress;
    private final CpuMeter cpu = new CpuMeter();
    private final SystemCpu system = new SystemCpu();

    LobbyScenario(Workload w, Progress progress) {
        this.w = w;
        this.progress = progress;
    }

    Result run(RunningTarget target, String name, int repeat, String label) throws IOException, InterruptedException {
        if (!(target.adapter() instanceof ParleyLineAdapter)) {
            return Result.skipped(name, Scenario.LOBBY.label(), repeat, "lobby needs a parley server");
        }
        int n = w.lobbyClients();
        List<String> notes = new ArrayList<>();
        RunState state = new RunState(target.adapter(), new Payload(1, w.payloadBytes()), 0);
        Optional<ProcessSample> empty = target.sample();
        CpuWindow window = CpuWindow.start(cpu, system, empty);
        long start = System.nanoTime();
        long deadline = start + Math.max(w.joinTimeout().toNanos(), w.lobbyWindow().toNanos());
        try (LoadEngine engine = new LoadEngine(state, target.address(), w.loadThreads())) {
            int submitted = 0;
            while (System.nanoTime() < deadline && state.settled() < n) {
                long due = n == 0 ? 0 : (long) ((System.nanoTime() - start) / (double) w.lobbyWindow().toNanos() * n) + 1;
                while (submitted < Math.min(n, due)) {
                    engine.connect(new LoadClient(submitted, LoadClient.Role.LOBBY, -1, LOBBY));
                    submitted++;
                }
                progress.update(label, "arriving", state.settled() / (double) Math.max(1, n),
                        String.format("%,d/%,d in #lobby, %,d failed", state.ready(), n, state.failed()));
                Thread.sleep(TICK_MILLIS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Optional<ProcessSample> full = target.sample();
            CpuWindow.Seconds cpuSeconds = window.end(full);
            long bytesIn = state.bytesReceived();

            Arrivals arrivals = Arrivals.of(engine.clients());
            LatencyRecorder connect = arrivals.connectTimes();
            String slowest = SlowestArrivals.describe(engine.clients().stream()
                    .filter(c -> c.connectNanos() >= 0)
                    .map(c -> new SlowestArrivals.Arrival(c.connectStartNanos() - start, c.connectNanos())).toList(),
                    99, Math.round(connect.percentileMillis(99) * 1e6));
            int held = arrivals.held();
            engine.close(); // everyone leaves at once
            Optional<ProcessSample> left = watchLeaving(target, label);

            if (state.settled() < n) {
                notes.add("timed out after " + Math.round(seconds) + " s");
            }
            if (state.failed() > 0) {
                notes.add(state.failed() + " connects failed, first: " + state.errors().peek());
            }
            if (state.closedByServer() > 0) {
                notes.add(state.closedByServer() + " closed by the server");
            }
            notes.add(String.format("%,d of %,d in #lobby within %.1f s (window %.0f s); the server sent %,.0f bytes "
                    + "per arrival; latency columns are connect-to-welcome times", held, n, seconds,
                    w.lobbyWindow().toMillis() / 1000.0, n == 0 ? 0.0 : bytesIn / (double) n));
            if (!slowest.isEmpty()) {
                notes.add(slowest);
            }
            notes.add("RSS without GC: empty " + mib(empty) + ", full " + mib(full) + ", "
                    + w.lobbyLeaveWatch().toSeconds() + " s after they left " + mib(left));
            double perConnection = empty.isPresent() && full.isPresent() && held > 0
                    ? (full.get().rssBytes() - empty.get().rssBytes()) / 1024.0 / held : Double.NaN;
            return new Result(name, Scenario.LOBBY.label(), repeat, Double.NaN, Double.NaN,
                    connect.percentileMillis(50), connect.percentileMillis(99), connect.percentileMillis(99.9),
                    connect.maxMillis(), n - held, Double.NaN, cpuSeconds.server(),
                    full.map(s -> s.peakRssBytes() / MIB).orElse(Double.NaN),
                    full.map(s -> (double) s.threads()).orElse(Double.NaN),
                    cpuSeconds.own(), cpuSeconds.other(), seconds, held, perConnection, Double.NaN,
                    String.join("; ", notes), connect.curve());
        }
    }

    /** Samples the server every second for the leave watch; returns the last sample. */
    private Optional<ProcessSample> watchLeaving(RunningTarget target, String label) throws InterruptedException {
        long end = System.nanoTime() + w.lobbyLeaveWatch().toNanos();
        Optional<ProcessSample> last = target.sample();
        while (System.nanoTime() < end) {
            progress.update(label, "leaving ", 1.0, "RSS " + mib(last));
            Thread.sleep(Math.max(1, Math.min(SAMPLE_MILLIS, (end - System.nanoTime()) / 1_000_000)));
            last = target.sample();
        }
        return last;
    }

    private static String mib(Optional<ProcessSample> s) {
        return s.map(p -> String.format("%.0f MiB", p.rssBytes() / MIB)).orElse("n/a");
    }
}
