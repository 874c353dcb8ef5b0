package parley.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import parley.bench.target.TargetSpec;
import picocli.CommandLine;

/**
 * What {@code --cluster N} does to a run: each backend is measured twice, alone and as N nodes sharing a
 * redis-server, in fanout and saturate (the room scenarios whose rows compare across the two).
 *
 * <pre>
 *  --backends selector,threaded --cluster 2
 *     -&gt; selector, selector x2, threaded, threaded x2      (each cluster row right after its single node)
 *  --scenario (default)  -&gt; fanout, saturate
 * </pre>
 *
 * @param nodes             N, or null without {@code --cluster}
 * @param scenariosChosen   whether {@code --scenario} was given (else the cluster's own default applies)
 */
record ClusterChoice(Integer nodes, boolean scenariosChosen) {

    /** Every node is a JVM on this machine: beyond a handful the machine, not the cluster, is measured. */
    static final int MAX_NODES = 16;

    private static final List<Scenario> SCENARIOS = List.of(Scenario.FANOUT, Scenario.SATURATE);

    boolean wanted() {
        return nodes != null;
    }

    /** The scenarios to run: fanout and saturate by default with --cluster; others are refused with it. */
    List<Scenario> scenarios(CommandLine cl, List<Scenario> chosen) {
        if (!wanted()) {
            return chosen;
        }
        if (nodes < 2 || nodes > MAX_NODES) {
            throw new CommandLine.ParameterException(cl, "--cluster is the number of nodes, 2 to " + MAX_NODES
                    + " (got " + nodes + ")");
        }
        if (!scenariosChosen) {
            return SCENARIOS;
        }
        if (!SCENARIOS.containsAll(chosen)) {
            throw new CommandLine.ParameterException(cl, "--cluster runs fanout and saturate only: choose among "
                    + "them with --scenario");
        }
        return chosen;
    }

    /** The targets with a cluster of each backend right after it; refuses a run with no backend to cluster. */
    List<TargetSpec> targets(CommandLine cl, List<TargetSpec> targets, String serverArgs) {
        if (!wanted()) {
            return targets;
        }
        if (namesData(serverArgs)) {
            throw new CommandLine.ParameterException(cl, "--cluster keeps the history in Redis: leave --data out "
                    + "of --server-args");
        }
        List<TargetSpec> all = new ArrayList<>();
        for (TargetSpec t : targets) {
            all.add(t);
            if (t instanceof TargetSpec.Backend b && !b.stored()) {
                // A cluster's history lives in Redis: NAME+store has no cluster of its own.
                all.add(new TargetSpec.Cluster(b.name(), nodes));
            }
        }
        if (all.size() == targets.size()) {
            throw new CommandLine.ParameterException(cl, "--cluster needs a parley backend to cluster: name it "
                    + "with --backends");
        }
        return all;
    }

    /** Whether {@code --server-args} (null when not given) gives the servers a history folder. */
    static boolean namesData(String serverArgs) {
        return serverArgs != null && Arrays.asList(serverArgs.trim().split("\\s+")).contains("--data");
    }

    /** What the report's pinning line adds: where a cluster's processes run. */
    String pinningNote(boolean pinned) {
        if (!wanted()) {
            return "";
        }
        return pinned ? "; a cluster's " + nodes + " nodes and its redis-server all share the servers' CPU"
                : "; a cluster's " + nodes + " nodes and its redis-server run wherever the OS puts them";
    }
}
