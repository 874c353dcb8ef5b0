package parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import parley.core.RateLimit;

class ServerSettingsTest {

    @Test
    void forTestsIsLoopbackOnAnEphemeralPortWithDefaultLimitsButNoRateOrAddressCap() {
        ServerSettings s = ServerSettings.forTests();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isZero();
        assertThat(s.limits().maxLineBytes()).isEqualTo(Limits.DEFAULT_MAX_LINE).isEqualTo(4096);
        assertThat(s.limits().maxOutboundBytes()).isEqualTo(Limits.DEFAULT_MAX_OUTBOUND).isEqualTo(8 * 1024 * 1024);
        assertThat(s.limits().rateLimit().isOff()).isTrue();
        assertThat(s.limits().maxPerIp()).isZero();
        assertThat(s.limits().maxClients()).isEqualTo(10_000);
        assertThat(s.loops()).isZero();
        assertThat(s.log()).isNotNull();
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        Limits d = Limits.defaults();
        assertThat(d.rateLimit()).isEqualTo(new RateLimit(20, 40));
        assertThat(d.softOutboundBytes()).isEqualTo(256 * 1024);
        assertThat(d.softOutboundGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.maxPerIp()).isEqualTo(64);
    }

    @Test
    void withersChangeOneFieldAndLeaveTheOriginalAlone() {
        ServerSettings base = ServerSettings.forTests();
        ServerSettings changed = base.withLimits(l -> l.withMaxLineBytes(100)).withLoops(3);
        assertThat(changed.limits().maxLineBytes()).isEqualTo(100);
        assertThat(changed.loops()).isEqualTo(3);
        assertThat(changed.limits().maxOutboundBytes()).isEqualTo(base.limits().maxOutboundBytes());
        assertThat(base.limits().maxLineBytes()).isEqualTo(4096);
        assertThat(base.loops()).isZero();
    }

    @Test
    void aHardLimitBelowTheSoftOneLowersTheSoftOne() {
        Limits l = Limits.defaults().withMaxOutboundBytes(1000);
        assertThat(l.softOutboundBytes()).isEqualTo(1000);
    }

    @Test
    void effectiveLoopsIsTheGivenNumberOrOnePerCore() {
        assertThat(ServerSettings.forTests().withLoops(3).effectiveLoops()).isEqualTo(3);
        assertThat(ServerSettings.forTests().effectiveLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
