package parley.app;

import picocli.CommandLine;

/** Port checks and how an address is printed. */
final class Ports {

    private Ports() {
    }

    static void check(CommandLine cl, int port) {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cl, "--port must be between 0 and 65535, not " + port);
        }
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    static String describe(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
