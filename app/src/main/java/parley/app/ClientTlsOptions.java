package parley.app;

import java.nio.file.Path;
import parley.client.net.Dialer;
import parley.tls.ClientTls;
import parley.tls.TlsException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code parley client --tls}: how the client checks the server it reaches over TLS. */
final class ClientTlsOptions {

    @Option(names = "--tls", description = "Connect over TLS, checking the server's certificate against the "
            + "system's trusted authorities and the host name.")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "Also trust the certificates in this PEM file (a private CA, or a self-signed server). "
                    + "Implies --tls.")
    Path ca;

    @Option(names = "--insecure", description = "TLS without checking the certificate or the host name: "
            + "encrypted, but anyone on the way can read along. Implies --tls.")
    boolean insecure;

    /** Plain, verified TLS or unverified TLS; contradictions and unreadable files are usage errors. */
    Dialer dialer(CommandLine cl) {
        if (insecure && ca != null) {
            throw new CommandLine.ParameterException(cl, "--insecure checks nothing, so --tls-ca would not be used;"
                    + " give one or the other");
        }
        if (insecure) {
            cl.getErr().println("parley: WARNING: --insecure: the server's certificate is not checked; anyone on "
                    + "the way can read and change this chat");
            return Dialer.tls(ClientTls.insecure());
        }
        if (!tls && ca == null) {
            return Dialer.PLAIN;
        }
        try {
            return Dialer.tls(ClientTls.verifying(ca));
        } catch (TlsException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
