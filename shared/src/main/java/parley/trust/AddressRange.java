package parley.trust;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One address or a CIDR range of them, IPv4 or IPv6: {@code 203.0.113.7}, {@code 10.0.0.0/8},
 * {@code 2001:db8::/32}. An IPv4 range never matches an IPv6 address and the other way round.
 *
 * <p>Only literals are read: nothing here ever asks DNS (a host name is refused, not resolved).
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Whether {@code target} is meant as an address (a nick never holds a '.' or a ':'). */
    public static boolean looksLikeAddress(String target) {
        return target.indexOf('.') >= 0 || target.indexOf(':') >= 0;
    }

    /** Reads {@code ip} or {@code ip/prefix}; empty when it is neither. */
    public static Optional<AddressRange> parse(String text) {
        int slash = text.indexOf('/');
        String ip = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> address = literal(ip);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get().getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(p) > bits) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
        }
        return Optional.of(new AddressRange(mask(bytes, prefix), prefix, text));
    }

    /**
     * The IP part of an address as the core shows it ({@code 127.0.0.1:50312}, {@code [::1]:50312}); empty when
     * there is none.
     */
    public static Optional<InetAddress> ipOf(String shown) {
        String ip;
        if (shown.startsWith("[")) {
            int end = shown.indexOf(']');
            ip = end < 0 ? "" : shown.substring(1, end);
        } else {
            int colon = shown.lastIndexOf(':');
            ip = colon < 0 ? shown : shown.substring(0, colon);
        }
        return literal(ip);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && java.util.Arrays.equals(mask(bytes, prefix), network);
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static Optional<InetAddress> literal(String ip) {
        // Checked before InetAddress sees it: getByName would look a host name up in DNS.
        boolean v4 = IPV4.matcher(ip).matches();
        if (v4 && !java.util.Arrays.stream(ip.split("\\.")).allMatch(part -> Integer.parseInt(part) <= 255)
                || !v4 && !IPV6.matcher(ip).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
