package parley.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material as operators have it: PEM pairs and PKCS#12 bundles, and one sentence for each mistake. */
class ServerTlsFilesTest {

    @TempDir
    Path dir;

    private final SelfSigned minted = SelfSigned.mint("localhost", "127.0.0.1");

    @Test
    void aPemCertificateAndPkcs8KeyLoadAndOfferOnlyTls12AndUp() throws Exception {
        minted.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        assertThat(Files.readString(dir.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

        TlsSettings tls = new TlsSettings(0, ServerTlsFiles.load(dir.resolve("cert.pem"), dir.resolve("key.pem"),
                new char[0]), TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT);
        SSLEngine engine = tls.newServerEngine();

        assertThat(engine.getEnabledProtocols()).isNotEmpty().allMatch(TlsSettings.PROTOCOLS::contains);
        assertThat(engine.getUseClientMode()).isFalse();
    }

    @Test
    void aPkcs12BundleLoadsWithItsPasswordAndAWrongOneIsOneSentence() throws Exception {
        Path bundle = dir.resolve("server.p12");
        char[] password = "s3cret".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", minted.key(), password, new Certificate[] {minted.certificate()});
        try (OutputStream out = Files.newOutputStream(bundle)) {
            store.store(out, password);
        }

        assertThat(ServerTlsFiles.load(bundle, null, password).createSSLEngine()).isNotNull();
        assertThatThrownBy(() -> ServerTlsFiles.load(bundle, null, "wrong".toCharArray()))
                .isInstanceOf(TlsException.class).hasMessageStartingWith("cannot read " + bundle);
    }

    @Test
    void aPemCertificateWithoutAKeyFileIsOneSentence() throws Exception {
        minted.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        assertThatThrownBy(() -> ServerTlsFiles.load(dir.resolve("cert.pem"), null, new char[0]))
                .isInstanceOf(TlsException.class)
                .hasMessage("--tls-cert " + dir.resolve("cert.pem") + " is PEM, so --tls-key must name its private key");
    }

    @Test
    void aKeyFileWithoutAKeyIsOneSentence() throws Exception {
        minted.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        assertThatThrownBy(() -> ServerTlsFiles.load(dir.resolve("cert.pem"), dir.resolve("cert.pem"), new char[0]))
                .isInstanceOf(TlsException.class).hasMessage(dir.resolve("cert.pem") + " holds no PEM private key");
    }
}
