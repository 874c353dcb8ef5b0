package parley.cluster;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the cluster's Redis is: {@code redis://HOST:PORT[/DB]}, as {@code --cluster} takes it.
 *
 * @param host a host name or address
 * @param port the Redis port
 * @param db   the logical database, 0 unless the path names one
 */
public record ClusterAddress(String host, int port, int db) {

    /** Redis's own port, for an address that names none. */
    public static final int DEFAULT_PORT = 6379;

    /**
     * Reads {@code redis://HOST[:PORT][/DB]}.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    public static ClusterAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address like redis://127.0.0.1:6379");
        }
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' is not an address like redis://127.0.0.1:6379");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' has parts parley does not use: give redis://HOST:PORT[/DB]");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        int db = 0;
        if (!path.isEmpty() && !path.equals("/")) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                db = -1;
            }
            if (db < 0) {
                throw new IllegalArgumentException("'" + path.substring(1) + "' in " + text
                        + " is not a database number (0, 1, ...)");
            }
        }
        return new ClusterAddress(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(), db);
    }

    @Override
    public String toString() {
        return "redis://" + host + ":" + port + (db == 0 ? "" : "/" + db);
    }
}
