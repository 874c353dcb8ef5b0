package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatEventTest {

    private static final Instant T = Instant.parse("2026-11-26T13:02:07Z");
    private static final Member ALICE = new Member("alice", "127.0.0.1:1");

    @Test
    void asHistoryChangesOnlyTheFlagAndOnlySpokenEventsCanBeHistory() {
        ChatEvent.Message live = new ChatEvent.Message("lobby", T, ALICE, "hi", false);
        assertThat(live.asHistory()).isEqualTo(new ChatEvent.Message("lobby", T, ALICE, "hi", true));
        ChatEvent.Action act = new ChatEvent.Action("lobby", T, ALICE, "waves", false);
        assertThat(act.asHistory()).isEqualTo(new ChatEvent.Action("lobby", T, ALICE, "waves", true));
        assertThat(new ChatEvent.Join("lobby", T, ALICE).history()).isFalse();
        assertThat(new ChatEvent.Info("lobby", T, "x").history()).isFalse();
    }

    @Test
    void aMembersEventKeepsItsOwnCopyOfTheList() {
        List<Member> list = new ArrayList<>(List.of(ALICE));
        ChatEvent.Members m = new ChatEvent.Members("lobby", T, list);
        list.clear();
        assertThat(m.members()).containsExactly(ALICE);
    }

    @Test
    void aMembersEventListsAtMostTheRoomsCount() {
        assertThat(new ChatEvent.Members("lobby", T, List.of(ALICE)).complete()).isTrue();
        assertThat(new ChatEvent.Members("lobby", T, List.of(ALICE), 10).complete()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChatEvent.Members("lobby", T, List.of(ALICE), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVisitorIsCalledOnTheMethodOfTheEventsKind() {
        List<String> kinds = Samples.oneOfEach("lobby", T, "alice", "1.2.3.4:5", "x", false).stream()
                .map(e -> e.accept(new ChatEvent.Visitor<String>() {
                    public String welcome(ChatEvent.Welcome e) {
                        return "welcome";
                    }

                    public String message(ChatEvent.Message e) {
                        return "message";
                    }

                    public String action(ChatEvent.Action e) {
                        return "action";
                    }

                    public String privateMessage(ChatEvent.Private e) {
                        return "private";
                    }

                    public String join(ChatEvent.Join e) {
                        return "join";
                    }

                    public String leave(ChatEvent.Leave e) {
                        return "leave";
                    }

                    public String nickChange(ChatEvent.NickChange e) {
                        return "nick";
                    }

                    public String members(ChatEvent.Members e) {
                        return "members";
                    }

                    public String presence(ChatEvent.Presence e) {
                        return "presence";
                    }

                    public String info(ChatEvent.Info e) {
                        return "info";
                    }

                    public String error(ChatEvent.Error e) {
                        return "error";
                    }
                })).toList();
        assertThat(kinds).containsExactly("welcome", "message", "action", "private", "join", "leave", "nick",
                "members", "members", "presence", "info", "error");
    }
}
