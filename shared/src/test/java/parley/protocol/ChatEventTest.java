package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChatEventTest {

    private static final Instant T = Instant.parse("2026-11-26T13:02:07Z");

    @Test
    void nullStringsBecomeEmptyAndKindAndTimeAreRequired() {
        ChatEvent e = new ChatEvent(EventKind.INFO, null, T, null, null, null, false);
        assertThat(e.room()).isEmpty();
        assertThat(e.nick()).isEmpty();
        assertThat(e.address()).isEmpty();
        assertThat(e.text()).isEmpty();
        assertThatThrownBy(() -> new ChatEvent(null, "", T, "", "", "", false))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ChatEvent(EventKind.INFO, "", null, "", "", "", false))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void noticeHasNoSenderAndAsHistoryChangesOnlyTheFlag() {
        ChatEvent n = ChatEvent.notice(EventKind.ERROR, "lobby", T, "no");
        assertThat(n.nick()).isEmpty();
        assertThat(n.address()).isEmpty();
        assertThat(n.history()).isFalse();
        ChatEvent h = n.asHistory();
        assertThat(h.history()).isTrue();
        assertThat(h).isEqualTo(new ChatEvent(EventKind.ERROR, "lobby", T, "", "", "no", true));
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void wireNamesAreLowerCaseAndRoundTrip(EventKind kind) {
        assertThat(kind.wireName()).isEqualTo(kind.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(EventKind.fromWireName(kind.wireName())).isSameAs(kind);
        assertThat(kind.isSpoken()).isEqualTo(kind == EventKind.MESSAGE || kind == EventKind.ACTION);
    }
}
