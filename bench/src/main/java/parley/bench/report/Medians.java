package parley.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Folds repeated runs of the same target and scenario into one row: every figure is the median of that
 * figure over the runs (so a row may mix runs); the notes and the latency curve are those of the run whose
 * p99 is the median.
 */
public final class Medians {

    private Medians() {
    }

    /** One row per (target, scenario), in first-seen order; skipped runs are left out unless all were. */
    public static List<Result> of(List<Result> runs) {
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Result r : runs) {
            groups.computeIfAbsent(r.target() + "\u0000" + r.scenario(), k -> new ArrayList<>()).add(r);
        }
        List<Result> rows = new ArrayList<>();
        for (List<Result> group : groups.values()) {
            List<Result> ran = group.stream().filter(r -> !r.isSkipped()).toList();
            rows.add(ran.isEmpty() ? group.get(0).withRepeat(0) : median(ran));
        }
        return rows;
    }

    private static Result median(List<Result> runs) {
        Result middle = runs.stream().sorted(Comparator.comparingDouble(r -> nanLast(r.p99Ms())))
                .toList().get((runs.size() - 1) / 2);
        String notes = runs.size() == 1 ? middle.notes()
                : "median of " + runs.size() + " runs" + (middle.notes().isEmpty() ? "" : "; " + middle.notes());
        return new Result(middle.target(), middle.scenario(), 0,
                m(runs, Result::messagesPerSec), m(runs, Result::deliveriesPerSec), m(runs, Result::p50Ms),
                m(runs, Result::p99Ms), m(runs, Result::p999Ms), m(runs, Result::maxMs), m(runs, Result::lost),
                m(runs, Result::reordered), m(runs, Result::serverCpuSeconds), m(runs, Result::peakRssMiB),
                m(runs, Result::threads), m(runs, Result::loadGenCpuSeconds), m(runs, Result::otherCpuSeconds),
                m(runs, Result::windowSeconds),
                m(runs, Result::connections), m(runs, Result::rssPerConnectionKiB),
                m(runs, Result::heapPerConnectionKiB), notes, middle.curve());
    }

    /** The median of the figures that are numbers; NaN when none is. */
    static double m(List<Result> runs, ToDoubleFunction<Result> figure) {
        double[] v = runs.stream().mapToDouble(figure).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double nanLast(double d) {
        return Double.isNaN(d) ? Double.MAX_VALUE : d;
    }

}
