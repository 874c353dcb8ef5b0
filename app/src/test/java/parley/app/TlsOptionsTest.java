package parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.tls.SelfSigned;

/** TLS command-line mistakes: one sentence each, exit code 2, before anything listens or connects. */
class TlsOptionsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Parley.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private String firstErrorLine() {
        return err.toString().lines().findFirst().orElse("");
    }

    @Test
    void aTlsPortWithoutACertificateIsAUsageError() {
        assertThat(run("server", "--port", "0", "--tls-port", "0")).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("parley: --tls-port needs --tls-cert (and --tls-key for PEM)");
    }

    @Test
    void aMissingCertificateFileIsAUsageError() {
        Path missing = dir.resolve("missing.pem");
        assertThat(run("server", "--port", "0", "--tls-port", "0", "--tls-cert", missing.toString(),
                "--tls-key", dir.resolve("key.pem").toString())).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("parley: cannot read " + missing + ": no such file");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsAUsageError() throws IOException {
        SelfSigned.mint("localhost").writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        SelfSigned.mint("localhost").writePem(dir.resolve("other.pem"), dir.resolve("other-key.pem"));
        assertThat(run("server", "--port", "0", "--tls-port", "0", "--tls-cert", dir.resolve("cert.pem").toString(),
                "--tls-key", dir.resolve("other-key.pem").toString())).isEqualTo(2);
        assertThat(firstErrorLine()).isEqualTo("parley: the key in " + dir.resolve("other-key.pem")
                + " does not belong to the certificate in " + dir.resolve("cert.pem"));
    }

    @Test
    void insecureWithACaFileIsAUsageError() {
        assertThat(run("client", "--port", "7000", "--insecure", "--tls-ca", "ca.pem")).isEqualTo(2);
        assertThat(firstErrorLine()).startsWith("parley: --insecure checks nothing");
    }

    @Test
    void aCaFileThatIsNotACertificateIsAUsageError() throws IOException {
        Path notPem = dir.resolve("notes.txt");
        java.nio.file.Files.writeString(notPem, "not a certificate\n");
        assertThat(run("client", "--port", "7000", "--tls-ca", notPem.toString())).isEqualTo(2);
        assertThat(firstErrorLine()).startsWith("parley: " + notPem + " is not a PEM certificate");
    }
}
