package parley.app;

import java.nio.file.Path;
import java.util.Optional;
import parley.tls.ServerTlsFiles;
import parley.tls.TlsException;
import parley.tls.TlsSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code parley server}'s TLS port, next to the plain one. docs/SECURITY.md says what it protects. */
final class TlsOptions {

    @Option(names = "--tls-port", paramLabel = "PORT",
            description = "Also listen for TLS (1.2 and 1.3) on this port; 0 picks a free one. Needs --tls-cert.")
    Integer port;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "The server's certificate chain in PEM (with --tls-key), or a PKCS#12 bundle "
                    + "(.p12/.pfx) holding the key too.")
    Path cert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The private key in PEM (PKCS#8, PKCS#1 RSA or SEC1 EC; encrypted with --tls-key-password).")
    Path key;

    @Option(names = "--tls-key-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "Decrypts the PEM key or opens the PKCS#12 bundle; give it without a value to be asked.")
    char[] password;

    /** The TLS port to start, if one was asked for; a missing or unusable file is a usage error. */
    Optional<TlsSettings> settings(CommandLine cl) {
        if (port == null) {
            if (cert != null || key != null) {
                throw new CommandLine.ParameterException(cl, "--tls-cert and --tls-key need --tls-port");
            }
            return Optional.empty();
        }
        Ports.check(cl, port);
        if (cert == null) {
            throw new CommandLine.ParameterException(cl, "--tls-port needs --tls-cert (and --tls-key for PEM)");
        }
        if (ServerTlsFiles.isPkcs12(cert) && key != null) {
            throw new CommandLine.ParameterException(cl, "--tls-key is for PEM; the PKCS#12 bundle " + cert
                    + " holds the key already");
        }
        try {
            return Optional.of(new TlsSettings(port, ServerTlsFiles.load(cert, key,
                    password == null ? new char[0] : password), TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT));
        } catch (TlsException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
