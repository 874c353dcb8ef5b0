package parley.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How one event becomes one line of the log ({@code --log-format}). */
@FunctionalInterface
public interface LogFormat {

    String line(Instant time, LogEvent event, AddressPolicy addresses);

    /**
     * {@code 2026-11-29 06:50:01.123 connect 10.0.0.1:51234 as guest1}: the time in {@code zone}, {@code WARN}
     * for a warning, the event's name and its message. What parley has always written.
     */
    static LogFormat text(ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(zone);
        return (at, event, addresses) -> time.format(at) + (event.level() == LogEvent.Level.WARN ? " WARN " : " ")
                + event.message(addresses);
    }
}
