package parley.client.state;

import java.util.ArrayList;
import java.util.List;

/**
 * The status bar's words, most important first so a narrow terminal cuts the least useful part:
 * {@code [connected] alice #lobby (3) | win 1/3 | act 2:#rust(4) 3:bob(1) | 2 unread | 127.0.0.1:7000 | bell:mention}.
 */
public final class StatusLine {

    /** One window in the activity bar: {@code 2:#rust(4)}; highlighted when it named you or is private. */
    public record Activity(String text, boolean highlight) {
    }

    private StatusLine() {
    }

    public static String of(ClientState state) {
        List<String> parts = new ArrayList<>();
        String who = "[" + state.connection().word() + "] " + (state.nick().isEmpty() ? "-" : state.nick());
        Window shown = state.window();
        if (shown.kind() == Window.Kind.QUERY) {
            who += " query " + shown.name();
        } else if (!shown.name().isEmpty()) {
            who += " #" + shown.name() + " (" + state.memberCount() + ")";
        }
        parts.add(who);
        List<Window> windows = state.windows();
        if (windows.size() > 1) {
            parts.add("win " + (windows.indexOf(shown) + 1) + "/" + windows.size());
        }
        List<Activity> activity = activity(state);
        if (!activity.isEmpty()) {
            parts.add("act " + String.join(" ", activity.stream().map(Activity::text).toList()));
        }
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

    /** Every window but the one in front where people said something since it was last shown. */
    public static List<Activity> activity(ClientState state) {
        List<Activity> out = new ArrayList<>();
        List<Window> windows = state.windows();
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            if (w != state.window() && w.unread() > 0) {
                out.add(new Activity((i + 1) + ":" + w.label() + "(" + w.unread() + ")", w.highlighted()));
            }
        }
        return out;
    }

    /** The marker on the pane's last row while scrolled up. */
    public static String marker(Scrollback scroll) {
        int n = scroll.newBelow();
        return n == 0 ? "-- more below: End to return --"
                : "-- " + n + " new below: End to return --";
    }
}
