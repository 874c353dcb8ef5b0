package parley.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProcReaderTest {

    @Test
    void readsCpuMemoryAndThreadsFromProcFiles(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("42"));
        // A command name with spaces and a parenthesis: fields are counted after the last ')'.
        Files.writeString(proc.resolve("42/stat"), "42 (java (x) y) S 1 42 42 0 -1 4194560 100 0 0 0 "
                + "250 50 0 0 20 0 30 0 100 4000000000 30000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0");
        Files.writeString(proc.resolve("42/status"), String.join("\n", "Name:\tjava", "VmHWM:\t  204800 kB",
                "VmRSS:\t  102400 kB", "Threads:\t30", ""));
        ProcessSample s = new ProcReader(proc).sample(42).orElseThrow();
        assertThat(s.cpuNanos()).isEqualTo(3_000_000_000L); // (250 + 50) ticks of 10 ms
        assertThat(s.rssBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(s.peakRssBytes()).isEqualTo(200L * 1024 * 1024);
        assertThat(s.threads()).isEqualTo(30);
    }

    @Test
    void aMissingProcessIsEmpty(@TempDir Path proc) {
        assertThat(new ProcReader(proc).sample(7)).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisVeryProcess() {
        ProcessSample s = new ProcReader().sample(ProcessHandle.current().pid()).orElseThrow();
        assertThat(s.threads()).isPositive();
        assertThat(s.rssBytes()).isPositive();
        assertThat(s.peakRssBytes()).isGreaterThanOrEqualTo(s.rssBytes());
    }
}
