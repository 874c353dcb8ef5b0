package parley.bench;

import java.util.Locale;
import picocli.CommandLine;

/** {@code 1048576}, {@code 64KiB}, {@code 64MiB}, {@code 1GiB} (also k, m, g). */
final class ByteSize implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        String[][] suffixes = {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"}, {"k", "1024"},
            {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}};
        for (String[] s : suffixes) {
            if (v.endsWith(s[0])) {
                unit = Long.parseLong(s[1]);
                v = v.substring(0, v.length() - s[0].length()).trim();
                break;
            }
        }
        try {
            long n = Math.multiplyExact(Long.parseLong(v), unit);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size such as 64MiB");
        }
    }
}
