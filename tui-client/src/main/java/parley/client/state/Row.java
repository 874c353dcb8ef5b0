package parley.client.state;

import java.util.List;

/** One screen row of the message pane: spans left to right, never wider than the width it was wrapped for. */
public record Row(List<Span> spans) {

    public Row {
        spans = List.copyOf(spans);
    }

    /** The row's characters without styles: what a screen reader or a test reads. */
    public String text() {
        StringBuilder out = new StringBuilder();
        spans.forEach(s -> out.append(s.text()));
        return out.toString();
    }
}
