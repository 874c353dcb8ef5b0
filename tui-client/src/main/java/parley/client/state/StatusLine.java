package parley.client.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The status bar's words, most important first so a narrow terminal cuts the least useful part:
 * {@code [connected] alice #lobby (3) | 2 unread | 127.0.0.1:7000 | bell:mention}.
 */
public final class StatusLine {

    private StatusLine() {
    }

    public static String of(ClientState state) {
        List<String> parts = new ArrayList<>();
        String who = "[" + state.connection().word() + "] " + (state.nick().isEmpty() ? "-" : state.nick());
        if (!state.room().isEmpty()) {
            who += " #" + state.room() + " (" + state.memberCount() + ")";
        }
        parts.add(who);
        if (state.scroll().unread() > 0) {
            parts.add(state.scroll().unread() + " unread");
        }
        parts.add(state.serverAddress());
        parts.add("bell:" + state.bell().word());
        if (!state.ignores().nicks().isEmpty()) {
            parts.add("ignoring " + state.ignores().nicks().size());
        }
        return String.join(" | ", parts);
    }

    /** The marker on the pane's last row while scrolled up. */
    public static String marker(Scrollback scroll) {
        int n = scroll.newBelow();
        return n == 0 ? "-- more below: End to return --"
                : "-- " + n + " new below: End to return --";
    }
}
