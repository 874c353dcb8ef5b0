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
        assertThat(admission.admitted()).isEqualTo(3);
    }

    @Test
    void everythingIsForgottenOnceEveryoneHasGone() throws Exception {
        Admission admission = new Admission(10, 3);
        for (int i = 0; i < 3; i++) {
            admission.admit(ip("127.0.0.1"));
        }
        admission.admit(ip("127.0.0.9"));
        for (int i = 0; i < 3; i++) {
            admission.release(ip("127.0.0.1"));
        }
        admission.release(ip("127.0.0.9"));
        assertThat(admission.admitted()).isZero();
        assertThat(admission.addresses()).isZero();
    }
}
