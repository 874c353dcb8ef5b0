package parley.bench;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The numbers of the storm scenario: every one of them a flag. */
final class StormOptions {

    /**
     * @param connections storm connections to open
     * @param rate        how many a second, paced evenly
     * @param addresses   loopback source addresses they come from, each in a /24 of its own (127.0.K.1)
     * @param settle      after the last one is opened, how long probes go on (and arrivals may still be welcomed)
     */
    record Load(int connections, int rate, int addresses, Duration settle) {
    }

    @Option(names = "--storm-connections", paramLabel = "N", defaultValue = "6000",
            description = "Connections opened in storm. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--storm-rate", paramLabel = "CONN/S", defaultValue = "1000",
            description = "How many storm connections a second. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--storm-addresses", paramLabel = "N", defaultValue = "94",
            description = "Loopback addresses the storm comes from, one /24 each (127.0.K.1). Default: ${DEFAULT-VALUE}.")
    int addresses;

    @Option(names = "--storm-settle", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long the probes go on after the last storm connection. Default: ${DEFAULT-VALUE}.")
    double settle;

    Load load() {
        return new Load(connections, rate, addresses, Duration.ofMillis((long) (settle * 1000)));
    }

    /** A problem with the numbers, or null. */
    String problem() {
        if (connections < 0 || rate < 1 || addresses < 1 || addresses > 254 || settle < 0 || settle > 3600) {
            return "--storm-connections must be at least 0, --storm-rate at least 1, --storm-addresses 1 to 254 and "
                    + "--storm-settle 0 to 3600 s";
        }
        return null;
    }
}
