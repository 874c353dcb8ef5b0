package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ByteSizeTest {

    private final ByteSize sizes = new ByteSize();

    @Test
    void sizesAcceptUnits() {
        assertThat(sizes.convert("1MiB")).isEqualTo(1024 * 1024);
        assertThat(sizes.convert("64k")).isEqualTo(64 * 1024);
        assertThat(sizes.convert("2 GiB")).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(sizes.convert("4096")).isEqualTo(4096);
    }

    @Test
    void zeroNegativeOverflowingAndWordsAreRefusedInOneSentence() {
        for (String bad : new String[] {"0", "-1KiB", "9999999999GiB", "lots", "MiB"}) {
            assertThatThrownBy(() -> sizes.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessage("'" + bad + "' is not a size such as 1MiB");
        }
    }
}
