package parley.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import parley.bench.report.Result;
import parley.bench.target.RunningTarget;
import parley.bench.target.TargetSpec;
import parley.bench.target.TargetStarter;
import parley.bench.target.TargetUnavailable;

/**
 * Runs every scenario against every target, each run against a freshly started server (so its peak RSS
 * and CPU are that run's alone), and collects one {@link Result} per run.
 *
 * <pre>
 *  for target, for scenario, for repeat:
 *      start target (a server JVM / redis-server; limits raised)  -- unavailable: a skipped row, once
 *      RoomScenario, IdleScenario, LobbyScenario or StormScenario   -- the load generator in this process
 *      stop target (SIGTERM, wait)
 * </pre>
 */
final class BenchRunner {

    private final TargetStarter starter;
    private final Workload workload;
    private final Progress progress;
    private final long maxOutbound;
    private final long slowMaxOutbound;
    private final StormOptions.Load storm;

    BenchRunner(TargetStarter starter, Workload workload, StormOptions.Load storm, Progress progress, long maxOutbound,
                long slowMaxOutbound) {
        this.starter = starter;
        this.storm = storm;
        this.workload = workload;
        this.progress = progress;
        this.maxOutbound = maxOutbound;
        this.slowMaxOutbound = slowMaxOutbound;
    }

    /**
     * Every target once per scenario, then again for the next repeat: the targets' runs of a scenario follow
     * each other, so a machine that drifts during a long bench (another process, the host's load) weighs on
     * every target alike, and their ratios stay fair.
     */
    List<Result> run(List<TargetSpec> targets, List<Scenario> scenarios, int repeats) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        Set<String> unavailable = new HashSet<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (Scenario scenario : scenarios) {
                for (TargetSpec target : targets) {
                    String key = target.label() + " " + scenario.label();
                    if (unavailable.contains(key)) {
                        continue; // no point in trying a server that cannot start again
                    }
                    String label = key + (repeats > 1 ? " " + repeat + "/" + repeats : "");
                    Result r = once(target, scenario, repeat, label);
                    results.add(r);
                    if (r.isSkipped() && r.notes().contains("unavailable")) {
                        unavailable.add(key);
                    }
                }
            }
        }
        return results;
    }

    private Result once(TargetSpec spec, Scenario scenario, int repeat, String label) throws InterruptedException {
        // 0: the server's own default. The storm measures the server as shipped: its limits are the defence.
        long limit = scenario == Scenario.SLOW ? slowMaxOutbound : scenario == Scenario.STORM ? 0 : maxOutbound;
        String runName = (spec.label() + "-" + scenario.label() + "-" + repeat).replaceAll("[^A-Za-z0-9._-]", "_");
        RunningTarget target;
        try {
            progress.update(label, "starting ", 0, "");
            target = starter.start(spec, limit, runName, scenario == Scenario.STORM);
        } catch (TargetUnavailable e) {
            progress.done(label, "skipped: " + e.getMessage());
            return Result.skipped(spec.label(), scenario.label(), repeat, "unavailable: " + e.getMessage());
        }
        Result result;
        try {
            result = switch (scenario) {
                case IDLE -> new IdleScenario(workload, progress).run(target, spec.label(), repeat, label);
                case LOBBY -> new LobbyScenario(workload, progress).run(target, spec.label(), repeat, label);
                case STORM -> new StormScenario(storm, progress).run(target, spec.label(), repeat, label);
                default -> new RoomScenario(workload, progress).run(target, spec.label(), scenario, repeat, label);
            };
        } catch (IOException | RuntimeException e) {
            result = Result.skipped(spec.label(), scenario.label(), repeat, "failed: " + e);
        } finally {
            String stopped = target.stop();
            if (!stopped.isEmpty()) {
                progress.note("parley bench: " + label + ": server " + stopped);
            }
        }
        progress.done(label, summary(result));
        return result;
    }

    private static String summary(Result r) {
        if (r.isSkipped()) {
            return r.notes();
        }
        if (r.scenario().equals("lobby")) {
            return String.format("%,.0f in #lobby, connect-to-welcome p99 %.2f ms", r.connections(), r.p99Ms());
        }
        if (r.scenario().equals("storm")) {
            return String.format("%,.0f welcomed, observer p99 %.2f ms, max %.0f ms, probes lost %,.0f",
                    r.connections(), r.p99Ms(), r.maxMs(), r.lost());
        }
        if (r.scenario().equals("idle")) {
            return String.format("%,.0f connections held, connect p99 %.2f ms", r.connections(), r.p99Ms());
        }
        return String.format("%,.0f deliveries/s, p99 %.2f ms, lost %,.0f, reordered %,.0f", r.deliveriesPerSec(),
                r.p99Ms(), r.lost(), r.reordered());
    }
}
