package parley.client.state;

import java.util.List;

/**
 * What submitting input asks of the connection.
 *
 * @param toServer lines to send, in order
 * @param quit     the person asked to leave
 */
public record Submission(List<String> toServer, boolean quit) {

    public Submission {
        toServer = List.copyOf(toServer);
    }

    public static Submission nothing() {
        return new Submission(List.of(), false);
    }
}
