package parley.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
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
        assertThat(new ProcReader(proc).openFiles(7)).isEmpty();
    }

    @Test
    void countsOpenFilesAsTheEntriesOfFd(@TempDir Path proc) throws Exception {
        for (int fd = 0; fd < 5; fd++) {
            Files.createDirectories(proc.resolve("42/fd/" + fd));
        }
        assertThat(new ProcReader(proc).openFiles(42)).hasValue(5);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void seesTheFilesThisProcessOpens(@TempDir Path dir) throws Exception {
        ProcReader reader = new ProcReader();
        long pid = ProcessHandle.current().pid();
        long before = reader.openFiles(pid).orElseThrow();
        List<FileChannel> files = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                files.add(FileChannel.open(dir.resolve("f" + i), StandardOpenOption.CREATE, StandardOpenOption.WRITE));
            }
            // 20 more, give or take what other threads of this JVM open or close meanwhile
            assertThat(reader.openFiles(pid).orElseThrow()).isGreaterThanOrEqualTo(before + 10);
        } finally {
            for (FileChannel f : files) {
                f.close();
            }
        }
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
