package parley.app;

import java.util.Locale;
import picocli.CommandLine.Option;
import parley.server.ServerSettings;

/** The server's tunables, shared by {@code server} and {@code demo}. */
final class ServerOptions {

    @Option(names = "--max-line", paramLabel = "BYTES", defaultValue = "" + ServerSettings.DEFAULT_MAX_LINE,
            description = "Longest accepted line in bytes (default: ${DEFAULT-VALUE}).")
    int maxLine;

    @Option(names = "--max-outbound", paramLabel = "SIZE", defaultValue = "1MiB",
            converter = ByteSizeConverter.class,
            description = "Queued output above which a client that is not reading is closed, e.g. 512KiB, 4MiB "
                    + "(default: ${DEFAULT-VALUE}).")
    long maxOutbound;

    @Option(names = "--loops", paramLabel = "N", defaultValue = "0",
            description = "Event-loop threads of the selector backend (default: one per core).")
    int loops;

    ServerSettings settings(String host, int port, parley.core.ServerLog log) {
        return new ServerSettings(host, port, maxLine, maxOutbound, loops, log);
    }

    /** {@code 1048576}, {@code 64KiB}, {@code 4MiB}, {@code 1GiB}. */
    static final class ByteSizeConverter implements picocli.CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            long unit = 1;
            for (String[] suffix : new String[][] {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"},
                {"k", "1024"}, {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}}) {
                if (v.endsWith(suffix[0])) {
                    unit = Long.parseLong(suffix[1]);
                    v = v.substring(0, v.length() - suffix[0].length()).trim();
                    break;
                }
            }
            try {
                return Math.multiplyExact(Long.parseLong(v), unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a size such as 1MiB");
            }
        }
    }
}
