package parley.core;

import java.util.Locale;

/**
 * How many lines per second one connection may send, with a burst allowance; {@link #OFF} for none.
 *
 * @param linesPerSecond steady rate; 0 means unlimited
 * @param burst          lines that may come at once after a quiet spell
 */
public record RateLimit(double linesPerSecond, int burst) {

    public static final RateLimit OFF = new RateLimit(0, 0);
    public static final RateLimit DEFAULT = new RateLimit(20, 40);

    public boolean isOff() {
        return linesPerSecond <= 0;
    }

    /** {@code off}, {@code 20} (burst twice the rate) or {@code 20/40} (rate/burst). */
    public static RateLimit parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("off") || t.equals("0")) {
            return OFF;
        }
        String[] parts = t.split("/", 2);
        try {
            double rate = Double.parseDouble(parts[0]);
            int burst = parts.length > 1 ? Integer.parseInt(parts[1]) : (int) Math.max(1, Math.ceil(rate * 2));
            if (rate <= 0 || burst < 1 || Double.isNaN(rate) || Double.isInfinite(rate)) {
                throw new NumberFormatException();
            }
            return new RateLimit(rate, burst);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a rate such as 20, 20/40 or off");
        }
    }

    @Override
    public String toString() {
        return isOff() ? "off" : (linesPerSecond == Math.rint(linesPerSecond)
                ? String.valueOf((long) linesPerSecond) : String.valueOf(linesPerSecond)) + "/" + burst;
    }
}
