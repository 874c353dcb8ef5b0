package parley.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the log shows a client's address ({@code --log-addresses}):
 * <ul>
 *   <li>{@code full}: as it is, {@code 10.0.0.1:51234} (the default: what an operator needs to block an
 *       abuser, and what parley always logged);</li>
 *   <li>{@code hashed}: {@code #5e2a0c9b41f3:51234}, the first 48 bits of an HMAC-SHA256 of the ip under a key
 *       drawn at random when the process starts and never written anywhere. The same ip reads the same for the
 *       whole run, so one host's connections can be followed, but not reversed (trying all 2^32 IPv4 addresses
 *       needs the key), and not matched across runs;</li>
 *   <li>{@code none}: {@code -}, port and all.</li>
 * </ul>
 * The port stays with a hashed address: it tells a host's connections apart and says nothing without the ip.
 * Not thread-safe ({@code hashed} keeps one {@link Mac}): one log writer thread uses it.
 */
public final class AddressPolicy {

    /** The {@code --log-addresses} choices. */
    public enum Mode {
        NONE, HASHED, FULL;

        public static Mode parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + value + "' is not one of none, hashed, full");
            }
        }
    }

    private static final int HASH_BYTES = 6;

    private final Mode mode;
    private final Mac mac;

    private AddressPolicy(Mode mode, Mac mac) {
        this.mode = mode;
        this.mac = mac;
    }

    public static AddressPolicy full() {
        return new AddressPolicy(Mode.FULL, null);
    }

    public static AddressPolicy none() {
        return new AddressPolicy(Mode.NONE, null);
    }

    /** Hashed under a fresh random key, known to this object alone. */
    public static AddressPolicy hashed() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return hashed(key);
    }

    /** Hashed under {@code key}: for tests that need to know the result. */
    public static AddressPolicy hashed(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return new AddressPolicy(Mode.HASHED, mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e); // every JDK has it
        }
    }

    public static AddressPolicy of(Mode mode) {
        return switch (mode) {
            case FULL -> full();
            case NONE -> none();
            case HASHED -> hashed();
        };
    }

    public Mode mode() {
        return mode;
    }

    /** {@code address} ({@code ip}, {@code ip:port} or {@code [ip6]:port}) as the log shows it. */
    public String show(String address) {
        return switch (mode) {
            case FULL -> address;
            case NONE -> "-";
            case HASHED -> {
                String host = host(address);
                String hash = "#" + HexFormat.of().formatHex(
                        mac.doFinal(host.getBytes(StandardCharsets.UTF_8)), 0, HASH_BYTES);
                yield hash + address.substring(host.length()); // the ":port", if any
            }
        };
    }

    /**
     * The ip of {@code address}, without the port: {@code [::1]} of {@code [::1]:80}, {@code 10.0.0.1} of
     * {@code 10.0.0.1:80}; an address with no port, or a bare IPv6 address (two colons or more), is all ip.
     */
    public static String host(String address) {
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            return close < 0 ? address : address.substring(0, close + 1);
        }
        int colon = address.indexOf(':');
        return colon >= 0 && address.indexOf(':', colon + 1) < 0 ? address.substring(0, colon) : address;
    }
}
