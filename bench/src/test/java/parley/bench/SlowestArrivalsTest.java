package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.bench.SlowestArrivals.Arrival;

class SlowestArrivalsTest {

    private static final long MS = 1_000_000L;

    @Test
    void countsTheSlowOnesByTheSecondTheySetOutIn() {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            arrivals.add(new Arrival(i * 100 * MS, 5 * MS)); // 10 s of quick welcomes, 10 a second
        }
        arrivals.add(new Arrival(200 * MS, 1_100 * MS));     // slow ones: two in second 0, one in second 5
        arrivals.add(new Arrival(900 * MS, 1_000 * MS));
        arrivals.add(new Arrival(5_050 * MS, 1_200 * MS));
        assertThat(SlowestArrivals.describe(arrivals, 99, 1_000 * MS))
                .isEqualTo("the slowest 1% (3) by the second of the window they set out in: 0: 2, 5: 1");
    }

    @Test
    void saysNothingWithoutArrivals() {
        assertThat(SlowestArrivals.describe(List.of(), 99, 0)).isEmpty();
    }
}
