package parley.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetSpecTest {

    @Test
    void parsesRedisAndLineTargetsOnLoopback() {
        assertThat(TargetSpec.parse("redis://127.0.0.1:6379")).isEqualTo(new TargetSpec.Redis("127.0.0.1", 6379, false));
        assertThat(TargetSpec.parse("line://localhost:7777")).isEqualTo(new TargetSpec.Line("localhost", 7777));
        assertThat(TargetSpec.parse("line://[::1]:7777").label()).isEqualTo("line://[::1]:7777");
        assertThat(TargetSpec.parse("redis://127.0.0.2:1").label()).isEqualTo("redis://127.0.0.2:1");
    }

    @Test
    void aBackendNamedWithPlusStoreKeepsItsHistoryInAFileAndSaysSoInItsLabel() {
        assertThat(TargetSpec.Backend.parse("selector+store")).isEqualTo(new TargetSpec.Backend("selector", true));
        assertThat(TargetSpec.Backend.parse("selector+store").label()).isEqualTo("selector+store");
        assertThat(TargetSpec.Backend.parse("threaded")).isEqualTo(new TargetSpec.Backend("threaded", false));
        assertThat(TargetSpec.Backend.parse("threaded").label()).isEqualTo("threaded");
    }

    @Test
    void refusesAnythingButLoopbackAndKnownSchemes() {
        assertThatThrownBy(() -> TargetSpec.parse("redis://10.0.0.1:6379")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> TargetSpec.parse("line://example.com:7777")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> TargetSpec.parse("http://127.0.0.1:80")).hasMessageContaining("unknown target scheme");
        assertThatThrownBy(() -> TargetSpec.parse("line://127.0.0.1")).hasMessageContaining("needs a host and a port");
    }

    @Test
    void anUnreachableRedisIsUnavailableNotAnError() throws Exception {
        int port;
        try (var free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        int closedPort = port;
        assertThatThrownBy(() -> RedisTarget.external("127.0.0.1", closedPort))
                .isInstanceOf(TargetUnavailable.class).hasMessageContaining("no Redis answers PING");
    }
}
