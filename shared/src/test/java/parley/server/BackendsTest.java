package parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import parley.core.ChatCore;
import org.junit.jupiter.api.Test;

/** Discovery through ServiceLoader, with two fake backends registered in this module's test resources. */
class BackendsTest {

    /** Registered in src/test/resources/META-INF/services. */
    public static final class Alpha implements ServerBackend {
        @Override
        public String name() {
            return "alpha";
        }

        @Override
        public RunningServer start(ServerSettings settings, ChatCore core) {
            throw new UnsupportedOperationException("a test fake");
        }
    }

    /** Registered in src/test/resources/META-INF/services. */
    public static final class Zeta implements ServerBackend {
        @Override
        public String name() {
            return "zeta";
        }

        @Override
        public RunningServer start(ServerSettings settings, ChatCore core) {
            throw new UnsupportedOperationException("a test fake");
        }
    }

    @Test
    void findsRegisteredBackendsByName() {
        Backends backends = Backends.discover();
        assertThat(backends.find("alpha")).get().isInstanceOf(Alpha.class);
        assertThat(backends.find("zeta")).get().isInstanceOf(Zeta.class);
        assertThat(backends.find("nope")).isEmpty();
    }

    @Test
    void namesAreSorted() {
        assertThat(Backends.discover().names()).containsExactly("alpha", "zeta");
    }
}
