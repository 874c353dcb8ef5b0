package parley.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {

    @Test
    void asShippedDropsTheRaisedLimitsAndKeepsTheUsersOwnArguments() {
        LaunchSettings raised = new LaunchSettings("java", List.of(), "cp", List.of(), Path.of("logs"),
                List.of("--rate-limit", "off", "--max-connect-rate", "off", "--idle-timeout", "0", "--data", "/tmp/d"),
                Set.of(), Duration.ofSeconds(1));
        assertThat(raised.asShipped().extraServerArgs()).containsExactly("--data", "/tmp/d");
    }
}
