package parley.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Reads a process's CPU time, memory and thread count from Linux's {@code /proc}. */
public final class ProcReader {

    /** Clock ticks per second of utime/stime; 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final long TICKS_PER_SECOND = 100;

    private final Path proc;

    public ProcReader() {
        this(Path.of("/proc"));
    }

    ProcReader(Path proc) {
        this.proc = proc;
    }

    /** The process now, or empty when it is gone or this is not Linux. */
    public Optional<ProcessSample> sample(long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"));
            List<String> status = Files.readAllLines(proc.resolve(pid + "/status"));
            return Optional.of(new ProcessSample(cpuNanos(stat), kib(status, "VmRSS:") * 1024,
                    kib(status, "VmHWM:") * 1024, (int) kib(status, "Threads:")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How many files (sockets included) the process has open now, or empty when it is gone or this is not Linux. */
    public OptionalLong openFiles(long pid) {
        try (Stream<Path> fds = Files.list(proc.resolve(pid + "/fd"))) {
            return OptionalLong.of(fds.count());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** utime + stime: fields 14 and 15, counted after the command name, which may hold spaces. */
    static long cpuNanos(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** The number of a {@code Name:  1234 kB} line (or a plain count such as Threads). */
    static long kib(List<String> status, String name) {
        for (String line : status) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }
}
