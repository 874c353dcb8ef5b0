package parley.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapProbeTest {

    @Test
    void readsTheHeapLineOfJdk25() {
        String answer = """
                18658:
                garbage-first heap   total reserved 6172672K, committed 262144K, used 2914K [0x0000000687400000, 0x0000000800000000)
                 region size 4096K, 0 young (0K), 0 survivors (0K)
                """;
        assertThat(HeapProbe.usedBytes(answer)).hasValue(2914L * 1024);
    }

    @Test
    void readsTheHeapLineOfJdk17AndNotMetaspace() {
        String answer = """
                18797:
                 garbage-first heap   total 262144K, used 5935K [0x0000000687400000, 0x0000000800000000)
                  region size 4096K, 0 young (0K), 0 survivors (0K)
                 Metaspace       used 8917K, committed 9088K, reserved 1114112K
                  class space    used 1062K, committed 1152K, reserved 1048576K
                """;
        assertThat(HeapProbe.usedBytes(answer)).hasValue(5935L * 1024);
    }

    @Test
    void anAnswerWithoutAHeapIsEmpty() {
        assertThat(HeapProbe.usedBytes("18797:\njava.lang.IllegalArgumentException: Unknown diagnostic command\n"))
                .isEmpty();
        assertThat(HeapProbe.usedBytes(" Metaspace       used 8917K, committed 9088K\n")).isEmpty();
    }
}
