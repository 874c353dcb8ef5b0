package parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static InetAddress ip(String text) throws UnknownHostException {
        return InetAddress.getByName(text);
    }

    @Test
    void refusesPastTheTotalCapAndAdmitsAgainOnceSomeoneLeaves() throws Exception {
        Admission admission = new Admission(2, 0);
        assertThat(admission.admit(ip("127.0.0.1"))).isEmpty();
        assertThat(admission.admit(ip("127.0.0.2"))).isEmpty();
        assertThat(admission.admit(ip("127.0.0.3"))).contains(Admission.SERVER_FULL);
        admission.release(ip("127.0.0.1"));
        assertThat(admission.admit(ip("127.0.0.3"))).isEmpty();
    }

    @Test
    void refusesPastThePerAddressCapOnlyForThatAddress() throws Exception {
        Admission admission = new Admission(0, 2);
        assertThat(admission.admit(ip("127.0.0.1"))).isEmpty();
        assertThat(admission.admit(ip("127.0.0.1"))).isEmpty();
        assertThat(admission.admit(ip("127.0.0.1"))).contains(Admission.TOO_MANY_FROM_YOU);
        assertThat(admission.admit(ip("127.0.0.2"))).isEmpty();
    }

    @Test
    void onceEveryoneHasGoneBothCapsAreWhollyFreeAgain() throws Exception {
        Admission admission = new Admission(4, 3);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 3; i++) {
                assertThat(admission.admit(ip("127.0.0.1"))).as("round %d", round).isEmpty();
            }
            assertThat(admission.admit(ip("127.0.0.1"))).contains(Admission.TOO_MANY_FROM_YOU);
            assertThat(admission.admit(ip("127.0.0.9"))).isEmpty();
            assertThat(admission.admit(ip("127.0.0.8"))).contains(Admission.SERVER_FULL);
            for (int i = 0; i < 3; i++) {
                admission.release(ip("127.0.0.1"));
            }
            admission.release(ip("127.0.0.9"));
        }
    }
}
