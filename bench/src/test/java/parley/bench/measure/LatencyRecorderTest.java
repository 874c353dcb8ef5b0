package parley.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesComeFromTheRecordedNanosecondsInMilliseconds() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 1; i <= 1000; i++) {
            r.record(i * 1_000_000L); // 1 ms .. 1000 ms
        }
        assertThat(r.count()).isEqualTo(1000);
        assertThat(r.percentileMillis(50)).isCloseTo(500, within(1.0));
        assertThat(r.percentileMillis(99)).isCloseTo(990, within(1.0));
        assertThat(r.maxMillis()).isCloseTo(1000, within(1.0));
    }

    @Test
    void recordersFromSeveralThreadsAddUp() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        a.record(1_000_000);
        b.record(3_000_000);
        b.record(5_000_000);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.maxMillis()).isCloseTo(5, within(0.01));
        assertThat(a.percentileMillis(50)).isCloseTo(3, within(0.01));
    }

    @Test
    void anEmptyRecorderReportsZeroAndNoCurve() {
        LatencyRecorder r = new LatencyRecorder();
        assertThat(r.percentileMillis(99)).isZero();
        assertThat(r.maxMillis()).isZero();
        assertThat(r.curve()).isEmpty();
    }

    @Test
    void negativeAndHugeValuesAreClampedNotRejected() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(-5);
        r.record(Long.MAX_VALUE);
        assertThat(r.count()).isEqualTo(2);
    }

    @Test
    void theCurveRisesFromTheMedianToTheMax() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 1; i <= 10_000; i++) {
            r.record(i * 1000L);
        }
        var curve = r.curve();
        assertThat(curve).extracting(LatencyRecorder.CurvePoint::percentile).startsWith(0.0).endsWith(100.0);
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i).millis()).isGreaterThanOrEqualTo(curve.get(i - 1).millis());
        }
        assertThat(curve.get(curve.size() - 1).millis()).isCloseTo(10, within(0.01));
    }
}
