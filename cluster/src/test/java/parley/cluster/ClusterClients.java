package parley.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import parley.conformance.ChatClient;

/** The clients of a cluster test, and what they saw said; closes them all. */
final class ClusterClients implements AutoCloseable {

    private static final Pattern MESSAGE =
            Pattern.compile("^\\[\\d\\d:\\d\\d:\\d\\d] (\\(history\\) )?<([^ >@]+)@[^ >]+> (.*)$");

    private final List<ChatClient> clients = new ArrayList<>();

    /** A client on {@code node} that has taken {@code nick}, its welcome and rename seen. */
    ChatClient named(ClusterNode node, String nick) throws IOException {
        ChatClient c = connect(node);
        c.awaitContaining("welcome to parley");
        c.send("/nick " + nick);
        c.awaitContaining("is now known as " + nick);
        return c;
    }

    /** A client on {@code node}, nothing awaited. */
    ChatClient connect(ClusterNode node) throws IOException {
        return connect(node.address());
    }

    /** A client of the server at {@code address} (a node in a process of its own), nothing awaited. */
    ChatClient connect(java.net.InetSocketAddress address) throws IOException {
        ChatClient c = ChatClient.connect(address);
        clients.add(c);
        return c;
    }

    /** Waits until {@code c} has seen {@code n} room messages. */
    static void awaitSaid(ChatClient c, int n) {
        if (said(c).size() < n) {
            c.await(line -> said(c).size() >= n, n + " room lines");
        }
    }

    /** The room messages {@code c} has seen, as "nick: text", history and live alike. */
    static List<String> said(ChatClient c) {
        return said(c.seen());
    }

    static List<String> said(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = MESSAGE.matcher(line);
            if (m.matches()) {
                out.add(m.group(2) + ": " + m.group(3));
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        for (ChatClient c : clients) {
            c.close();
        }
    }
}
