package parley.history.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.core.ServerLog;
import parley.history.StoredLine;

/** The documented promise: a kill -9 keeps every line whose transaction had committed, and ids never come again. */
class KillTest {

    @TempDir
    Path dir;

    @Test
    void everyCommittedLineSurvivesAKill9AndIdsAreNotReused() throws Exception {
        long[] last = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> appendThenKill(20_000));
        long stored = last[0];
        long issued = last[1];

        // No retention: the child's lines carry today's time, and the tests' clock stands in 2030.
        SqliteHistoryStore.Options keepAll = Stores.QUICK.withRetention(null, 0);
        try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, keepAll, Stores.CLOCK, ServerLog.silent())) {
            List<Long> ids = new ArrayList<>();
            for (int room = 0; room < 3; room++) {
                List<StoredLine> lines = Stores.everything(store, "room" + room);
                assertThat(lines).extracting(StoredLine::room).containsOnly("room" + room);
                ids.addAll(Stores.ids(lines));
            }
            assertThat(ids).containsAll(LongStream.rangeClosed(1, stored).boxed().toList());
            assertThat(Stores.say(store, "room0", "after the crash").id()).isGreaterThan(issued);
        }
    }

    /** Runs {@link AppendingChild} until it reports {@code atLeast} stored; returns its last {stored, issued}. */
    private long[] appendThenKill(long atLeast) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AppendingChild.class.getName(),
                dir.toString()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                assertThat(line).startsWith("stored ");
                String[] words = line.split(" ");
                long stored = Long.parseLong(words[1]);
                if (stored >= atLeast) {
                    child.destroyForcibly();
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    // SIGKILL: 128 + 9. Anything else would mean the child ended some other way.
                    assertThat(child.exitValue()).isEqualTo(137);
                    return new long[] {stored, Long.parseLong(words[3])};
                }
            }
            throw new AssertionError("the child ended before storing " + atLeast + " lines, exit "
                    + child.waitFor());
        } finally {
            child.destroyForcibly();
        }
    }
}
