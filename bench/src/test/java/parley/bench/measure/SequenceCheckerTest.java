package parley.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceCheckerTest {

    @Test
    void inOrderArrivalsAreCompleteWithNothingLostOrReordered() {
        SequenceChecker c = new SequenceChecker(2);
        for (long seq = 0; seq < 1000; seq++) {
            c.arrive(0, seq);
            c.arrive(1, seq);
        }
        assertThat(c.lost(0, 1000)).isZero();
        assertThat(c.lost(1, 1000)).isZero();
        assertThat(c.reordered()).isZero();
        assertThat(c.received()).isEqualTo(2000);
        assertThat(c.complete(new long[] {1000, 1000})).isTrue();
    }

    @Test
    void gapsAreCountedExactlyAsLost() {
        SequenceChecker c = new SequenceChecker(1);
        for (long seq : new long[] {0, 1, 3, 4, 7, 9}) {
            c.arrive(0, seq);
        }
        // 2, 5, 6, 8 missing, and 10, 11 were sent but never came.
        assertThat(c.lost(0, 12)).isEqualTo(6);
        assertThat(c.reordered()).isZero();
        assertThat(c.complete(new long[] {12})).isFalse();
    }

    @Test
    void lateArrivalsAreReorderedButNotLost() {
        SequenceChecker c = new SequenceChecker(1);
        for (long seq : new long[] {0, 2, 3, 1, 5, 4, 6}) {
            c.arrive(0, seq);
        }
        assertThat(c.lost(0, 7)).isZero();
        assertThat(c.reordered()).isEqualTo(2); // 1 after 3, 4 after 5
        assertThat(c.complete(new long[] {7})).isTrue();
    }

    @Test
    void duplicatesCountAsReorderedAndDoNotHideALoss() {
        SequenceChecker c = new SequenceChecker(1);
        for (long seq : new long[] {0, 1, 1, 3}) {
            c.arrive(0, seq);
        }
        assertThat(c.lost(0, 4)).isEqualTo(1); // 2
        assertThat(c.reordered()).isEqualTo(1);
        assertThat(c.received()).isEqualTo(4);
    }

    @Test
    void sendersAreCheckedIndependentlyAndUnknownOnesIgnored() {
        SequenceChecker c = new SequenceChecker(2);
        c.arrive(0, 0);
        c.arrive(1, 1);
        c.arrive(7, 0);
        c.arrive(-1, 0);
        assertThat(c.lost(0, 1)).isZero();
        assertThat(c.lost(1, 2)).isEqualTo(1);
        assertThat(c.received()).isEqualTo(2);
    }

    @Test
    void aLongRunOfEarlyArrivalsIsReleasedWhenTheGapCloses() {
        SequenceChecker c = new SequenceChecker(1);
        for (long seq = 1; seq < 10_000; seq++) {
            c.arrive(0, seq);
        }
        assertThat(c.lost(0, 10_000)).isEqualTo(1);
        c.arrive(0, 0);
        assertThat(c.lost(0, 10_000)).isZero();
        assertThat(c.reordered()).isEqualTo(1);
        c.arrive(0, 10_000);
        assertThat(c.lost(0, 10_001)).isZero();
    }
}
