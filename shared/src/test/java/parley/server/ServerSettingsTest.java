package parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void forTestsIsLoopbackOnAnEphemeralPortWithDefaultLimits() {
        ServerSettings s = ServerSettings.forTests();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isZero();
        assertThat(s.maxLineBytes()).isEqualTo(ServerSettings.DEFAULT_MAX_LINE).isEqualTo(4096);
        assertThat(s.maxOutboundBytes()).isEqualTo(ServerSettings.DEFAULT_MAX_OUTBOUND).isEqualTo(1024 * 1024);
        assertThat(s.loops()).isZero();
        assertThat(s.log()).isNotNull();
    }

    @Test
    void withersChangeOneFieldAndLeaveTheOriginalAlone() {
        ServerSettings base = ServerSettings.forTests();
        ServerSettings changed = base.withMaxLineBytes(100).withMaxOutboundBytes(2000).withLoops(3);
        assertThat(changed).isEqualTo(new ServerSettings("127.0.0.1", 0, 100, 2000, 3, base.log()));
        assertThat(base.maxLineBytes()).isEqualTo(4096);
        assertThat(base.withMaxLineBytes(7).maxOutboundBytes()).isEqualTo(base.maxOutboundBytes());
    }

    @Test
    void effectiveLoopsIsTheGivenNumberOrOnePerCore() {
        assertThat(ServerSettings.forTests().withLoops(3).effectiveLoops()).isEqualTo(3);
        assertThat(ServerSettings.forTests().effectiveLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
