package parley.trust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argon2id as parley uses it: right and wrong passwords, a salt per hash, the parameters kept with each hash. */
class PasswordHasherTest {

    private final PasswordHasher owasp = new PasswordHasher(PasswordHasher.OWASP_MINIMUM);

    @Test
    void aPasswordVerifiesAndAnyOtherDoesNot() {
        PasswordHasher.Hash hash = owasp.hash("correct-horse");
        assertThat(owasp.verify("correct-horse", hash)).isTrue();
        assertThat(owasp.verify("correct-hors", hash)).isFalse();
        assertThat(owasp.verify("Correct-horse", hash)).isFalse();
        assertThat(owasp.verify("", hash)).isFalse();
        assertThat(hash.parameters()).isEqualTo(new PasswordHasher.Parameters(19 * 1024, 2, 1));
        assertThat(hash.salt()).hasSize(PasswordHasher.SALT_BYTES);
        assertThat(hash.hash()).hasSize(PasswordHasher.HASH_BYTES);
    }

    @Test
    void everyHashHasItsOwnSalt() {
        PasswordHasher.Hash a = owasp.hash("same-password");
        PasswordHasher.Hash b = owasp.hash("same-password");
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.hash()).isNotEqualTo(b.hash());
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aHashIsCheckedWithTheParametersItWasMadeWith() {
        PasswordHasher.Hash cheap = new PasswordHasher(PasswordHasher.FOR_TESTS).hash("pässwörd-ü");
        assertThat(owasp.verify("pässwörd-ü", cheap)).isTrue();
    }

    @Test
    void noHashOrPasswordInWhatIsPrinted() {
        PasswordHasher.Hash hash = owasp.hash("hunter2-hunter2");
        Account account = new Account("ada", hash, java.time.Instant.EPOCH);
        assertThat(account.toString()).doesNotContain("hunter2").doesNotContain("[B@");
        assertThat(hash.toString()).isEqualTo("Hash[" + PasswordHasher.OWASP_MINIMUM + "]");
    }
}
