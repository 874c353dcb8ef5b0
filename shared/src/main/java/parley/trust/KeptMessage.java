package parley.trust;

import java.time.Instant;

/**
 * A private message kept for a registered nick that was offline.
 *
 * @param id   increasing per store: what {@link TrustStore#forget} deletes up to
 * @param to   the recipient's nick as the sender wrote it
 * @param from the sender's nick and {@code address} at the time
 */
public record KeptMessage(long id, String to, Instant time, String from, String address, String text) {
}
