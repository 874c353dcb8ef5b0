package parley.trust;

import java.time.Instant;

/**
 * Someone the server refuses: a nick (by its look-alike key), an address or a range of addresses.
 *
 * @param target what {@code /ban} named: a nick, {@code 203.0.113.7}, {@code 2001:db8::/32}
 * @param until  when it ends; null for never
 * @param reason why, as the operator wrote it; may be empty
 * @param by     the operator's nick
 * @param at     when it was set
 */
public record Ban(String target, Instant until, String reason, String by, Instant at) {

    public boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }

    /** Whether the target is an address or a range rather than a nick (nicks hold no '.' or ':'). */
    public boolean isAddress() {
        return AddressRange.looksLikeAddress(target);
    }
}
