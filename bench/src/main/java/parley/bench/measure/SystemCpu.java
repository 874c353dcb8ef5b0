package parley.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy, from {@code /proc/stat}: minus the server's and the bench's own, it
 * tells how much other programs ran during a measurement (on a shared machine, the noise in the numbers).
 */
public final class SystemCpu {

    private static final long NANOS_PER_TICK = 10_000_000; // USER_HZ = 100

    private final Path stat;

    public SystemCpu() {
        this(Path.of("/proc/stat"));
    }

    SystemCpu(Path stat) {
        this.stat = stat;
    }

    /** Busy CPU time of all CPUs so far (user, nice, system, irq, softirq, steal), or -1 when unknown. */
    public long busyNanos() {
        try {
            String cpu = Files.readAllLines(stat).get(0);
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + (f.length > 8 ? Long.parseLong(f[8]) : 0);
            return busy * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
