package parley.trust;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (RFC 9106), with BouncyCastle's {@link Argon2BytesGenerator}: a memory-hard
 * function, so a stolen accounts table costs an attacker memory as well as time per guess.
 *
 * <p>{@link #OWASP_MINIMUM} is OWASP's Password Storage Cheat Sheet's first Argon2id setting: 19 MiB, 2 passes,
 * one lane. Each account keeps the parameters it was hashed with, so they can be raised later without
 * locking anyone out. A hash takes a few tens of milliseconds and 19 MiB: it runs on the core's small hashing
 * pool, never on an event loop or under the core's lock.
 */
public final class PasswordHasher {

    /** Memory in KiB, passes, lanes. */
    public record Parameters(int memoryKiB, int iterations, int parallelism) {
        public Parameters {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("Argon2 needs memory >= 8 KiB per lane, passes >= 1, lanes >= 1");
            }
        }
    }

    /** A salted hash and what made it. Equality compares the bytes in constant time. */
    public record Hash(Parameters parameters, byte[] salt, byte[] hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Hash h && h.parameters.equals(parameters) && MessageDigest.isEqual(h.salt, salt)
                    && MessageDigest.isEqual(h.hash, hash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hash);
        }

        @Override
        public String toString() {
            return "Hash[" + parameters + "]";
        }
    }

    public static final Parameters OWASP_MINIMUM = new Parameters(19 * 1024, 2, 1);
    /** Cheap parameters for unit tests that hash many times; never for a server. */
    public static final Parameters FOR_TESTS = new Parameters(64, 1, 1);

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final Parameters parameters;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(Parameters parameters) {
        this.parameters = parameters;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** A new hash of {@code password} with a fresh random salt. */
    public Hash hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new Hash(parameters, salt, derive(password, parameters, salt));
    }

    /** Whether {@code password} is the one {@code stored} was made from; compares in constant time. */
    public boolean verify(String password, Hash stored) {
        return MessageDigest.isEqual(derive(password, stored.parameters(), stored.salt()), stored.hash());
    }

    private static byte[] derive(String password, Parameters p, byte[] salt) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build());
        byte[] secret = utf8(password);
        byte[] out = new byte[HASH_BYTES];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0); // the String itself cannot be wiped; this copy can
        }
        return out;
    }

    private static byte[] utf8(String password) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }
}
