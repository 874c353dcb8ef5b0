package parley.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * A throwaway self-signed certificate (EC P-256) and its key, minted at run time for tests and for
 * {@code parley bench --tls}. Never for a real server: nobody's trust store knows it.
 *
 * @param certificate names each host given as a subject alternative name (IP literals as IP addresses)
 * @param key         its private key
 */
public record SelfSigned(X509Certificate certificate, PrivateKey key) {

    /** Valid for a day around now, for {@code hosts} (e.g. {@code "localhost", "127.0.0.1"}). */
    public static SelfSigned mint(String... hosts) {
        return mint(Clock.systemUTC(), Duration.ofDays(1), hosts);
    }

    /** Valid from an hour before {@code clock}'s now (clocks differ) for {@code validity}. */
    public static SelfSigned mint(Clock clock, Duration validity, String... hosts) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + (hosts.length == 0 ? "parley" : hosts[0]));
            Instant now = clock.instant();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(validity)), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (hosts.length > 0) {
                GeneralName[] names = new GeneralName[hosts.length];
                for (int i = 0; i < hosts.length; i++) {
                    names[i] = new GeneralName(isIpLiteral(hosts[i]) ? GeneralName.iPAddress : GeneralName.dNSName,
                            hosts[i]);
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SelfSigned(certificate, pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("the JDK cannot mint an EC P-256 certificate: " + e, e);
        }
    }

    /** A server context that presents this certificate. */
    public SSLContext serverContext() {
        try {
            return ServerTlsFiles.context(key, List.of(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a minted key does not load: " + e, e);
        }
    }

    /** Writes the certificate and the key (PKCS#8) as PEM files, as {@code openssl req} would. */
    public void writePem(Path certFile, Path keyFile) throws IOException {
        write(certFile, certificate);
        try {
            write(keyFile, new JcaPKCS8Generator(key, null).generate());
        } catch (PemGenerationException e) {
            throw new IOException("cannot encode the key as PKCS#8: " + e.getMessage(), e);
        }
    }

    /** The certificate alone, as PEM text. */
    public String certificatePem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
