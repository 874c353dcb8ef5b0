package parley.trust;

import java.time.Instant;

/**
 * A registered nick.
 *
 * @param nick       as it was registered (shown as typed); the store keys it by its look-alike key
 * @param hash       the Argon2id hash of the password, made with {@code salt} and {@code parameters}
 * @param registered when
 */
public record Account(String nick, PasswordHasher.Hash hash, Instant registered) {

    @Override
    public String toString() { // never the hash, even in a log line or an assertion message
        return "Account[" + nick + ", registered " + registered + "]";
    }
}
