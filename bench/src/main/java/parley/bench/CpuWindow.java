package parley.bench;

import java.util.Optional;
import parley.bench.measure.CpuMeter;
import parley.bench.measure.SystemCpu;
import parley.bench.target.ProcessSample;

/**
 * CPU used over one window of a run: by the server (when the bench knows its pid), by the bench itself, and by
 * every other program on the machine (the noise). Started with the server's sample at the start of the window,
 * ended with its sample at the end.
 */
final class CpuWindow {

    /** CPU seconds in the window; NaN for what could not be read. */
    record Seconds(double server, double own, double other) {
    }

    private final CpuMeter cpu;
    private final SystemCpu system;
    private final Optional<ProcessSample> serverStart;
    private final long ownStart;
    private final long systemStart;

    private CpuWindow(CpuMeter cpu, SystemCpu system, Optional<ProcessSample> serverStart) {
        this.cpu = cpu;
        this.system = system;
        this.serverStart = serverStart;
        this.ownStart = cpu.processCpuNanos();
        this.systemStart = system.busyNanos();
    }

    static CpuWindow start(CpuMeter cpu, SystemCpu system, Optional<ProcessSample> server) {
        return new CpuWindow(cpu, system, server);
    }

    Seconds end(Optional<ProcessSample> serverEnd) {
        long ownEnd = cpu.processCpuNanos();
        long systemEnd = system.busyNanos();
        double server = serverStart.isPresent() && serverEnd.isPresent()
                ? (serverEnd.get().cpuNanos() - serverStart.get().cpuNanos()) / 1e9 : Double.NaN;
        double own = ownStart >= 0 && ownEnd >= 0 ? (ownEnd - ownStart) / 1e9 : Double.NaN;
        // Sampled one after the other in 10 ms ticks: a quiet machine can come out a little below zero.
        double other = systemStart >= 0 && systemEnd >= 0 && !Double.isNaN(own)
                ? Math.max(0, (systemEnd - systemStart) / 1e9 - own - (Double.isNaN(server) ? 0 : server))
                : Double.NaN;
        return new Seconds(server, own, other);
    }
}
