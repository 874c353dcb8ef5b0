package parley.bench.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time of this process (the load generator), so a report can tell whether the load generator, rather
 * than the server, was the limit.
 */
public final class CpuMeter {

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    /** Process CPU time in nanoseconds (user + system, all threads), or -1 when the JVM cannot tell. */
    public long processCpuNanos() {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** The most file descriptors this process may open, or -1 when unknown. */
    public long maxFileDescriptors() {
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** File descriptors open now, or -1 when unknown. */
    public long openFileDescriptors() {
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }
}
