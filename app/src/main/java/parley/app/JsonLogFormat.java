package parley.app;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import parley.log.AddressPolicy;
import parley.log.LogEvent;
import parley.log.LogFormat;

/**
 * {@code --log-format json}: one JSON object per line, for log shippers (written with jackson-jr).
 *
 * <pre>
 * {"time":"2026-11-29T06:50:01.123Z","level":"info","event":"disconnect",
 *  "message":"disconnect 10.0.0.1:51234 ada (quit: bye)",
 *  "fields":{"address":"10.0.0.1:51234","nick":"ada","reason":"quit: bye"}}
 * </pre>
 *
 * The time is UTC in ISO 8601; {@code fields} holds the event's typed fields (numbers as numbers, the address
 * as {@code --log-addresses} shows it); {@code message} is the text line without its time.
 */
final class JsonLogFormat implements LogFormat {

    @Override
    public String line(Instant time, LogEvent event, AddressPolicy addresses) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (LogEvent.Field f : event.fields()) {
            fields.put(f.name(), LogEvent.shown(f, addresses));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", time.toString());
        line.put("level", event.level().name().toLowerCase(Locale.ROOT));
        line.put("event", event.name());
        line.put("message", event.message(addresses));
        line.put("fields", fields);
        try {
            return JSON.std.asString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // strings, numbers and maps always serialize
        }
    }
}
