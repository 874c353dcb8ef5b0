package parley.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Events a decoder produced, as text, for assertions. */
final class RecordingEvents implements WireAdapter.Events {

    final List<String> seen = new ArrayList<>();

    @Override
    public void ready() {
        seen.add("ready");
    }

    @Override
    public void payload(byte[] a, int offset, int length) {
        seen.add("payload " + new String(a, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void departure(String address, String reason) {
        seen.add("departure " + address + " " + reason);
    }

    @Override
    public void error(String message) {
        seen.add("error " + message);
    }
}
