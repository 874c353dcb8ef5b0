package parley.bench;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes on the command line, for the bench and for {@code parley server} alike: {@code 1048576}, {@code 64KiB},
 * {@code 4MiB}, {@code 1GiB} (also k, m, g).
 */
public final class ByteSize implements ITypeConverter<Long> {

    private static final String[][] SUFFIXES = {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"},
        {"k", "1024"}, {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}};

    @Override
    public Long convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : SUFFIXES) {
            if (v.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                v = v.substring(0, v.length() - suffix[0].length()).trim();
                break;
            }
        }
        try {
            long bytes = Math.multiplyExact(Long.parseLong(v), unit);
            if (bytes <= 0) {
                throw new NumberFormatException();
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a size such as 1MiB");
        }
    }
}
