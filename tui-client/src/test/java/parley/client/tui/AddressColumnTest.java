package parley.client.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.client.tui.Harness.minutes;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

/** Every line says when to the second and, where the pane is wide enough, from which address, in one column. */
class AddressColumnTest {

    private static ChatEvent.Message from(String nick, String address, String text) {
        return new ChatEvent.Message("lobby", minutes(1).plusSeconds(7), new Member(nick, address), text, false);
    }

    @Test
    void secondsAndAnAlignedDimmedAddressColumnByDefault() {
        Harness h = Harness.withDefaults(90, 8).connectedAs("alice", "bob");
        h.receive(from("bob", "127.0.0.1:38722", "hi all"));
        h.receive(from("ncuser", "[::1]:40001", "a longer line that wraps once the pane runs out of its ninety columns"))
                .step();

        assertThat(h.picture().subList(2, 6)).containsExactly(
                "14:02:00                 -- in #lobby: alice@127.0.0.1:1, bob@127.0.0.1:2 (2)",
                "14:03:07 127.0.0.1:38722 <bob> hi all",
                "14:03:07 [::1]:40001     <ncuser> a longer line that wraps once the pane runs out of its",
                "                                  ninety columns");
        assertThat(h.cell(9, 3).getForegroundColor()).isEqualTo(TextColor.ANSI.BLACK_BRIGHT);
        assertThat(h.cell(25, 3).getForegroundColor()).isNotEqualTo(TextColor.ANSI.BLACK_BRIGHT);
    }

    @Test
    void f2AndTheAddressesCommandHideAndShowTheColumn() {
        Harness h = Harness.withDefaults(90, 8).connectedAs("alice", "bob");
        h.receive(from("bob", "127.0.0.1:38722", "hi all")).step();
        assertThat(h.row(5)).isEqualTo("14:03:07 127.0.0.1:38722 <bob> hi all");

        h.key(KeyType.F2).step();
        assertThat(h.row(5)).isEqualTo("14:03:07 <bob> hi all");
        assertThat(h.client.state().showsAddresses()).isFalse();

        h.type("/addresses on\n").step();
        assertThat(h.row(4)).isEqualTo("14:03:07 127.0.0.1:38722 <bob> hi all");
        assertThat(h.row(5)).isEqualTo("14:02:00                 -- addresses: shown (F2 toggles)");

        h.type("/addresses off\n").step();
        assertThat(h.row(3)).isEqualTo("14:03:07 <bob> hi all");
        assertThat(h.sent).isEmpty();
    }

    @Test
    void aNarrowPaneLeavesTheAddressesOutForTheWords() {
        Harness h = Harness.withDefaults(50, 6).connectedAs("alice");
        h.receive(from("bob", "127.0.0.1:38722", "hi all")).step();

        assertThat(h.row(3)).isEqualTo("14:03:07 <bob> hi all");
    }

    @Test
    void whoListsEveryonesAddress() {
        Harness h = Harness.withDefaults(90, 6).connectedAs("alice");
        h.receive(new ChatEvent.Members("lobby", minutes(2), java.util.List.of(
                new Member("alice", "127.0.0.1:1"), new Member("bob", "[2001:db8::7]:5000")))).step();

        assertThat(h.row(3)).endsWith("-- in #lobby: alice@127.0.0.1:1, bob@[2001:db8::7]:5000 (2)");
    }
}
