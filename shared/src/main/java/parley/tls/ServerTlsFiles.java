package parley.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads the server's certificate chain and private key, as the operator has them, into an {@link SSLContext}.
 *
 * <ul>
 *   <li>PEM: {@code --tls-cert chain.pem --tls-key key.pem}. The chain is the server's certificate first, then
 *       any intermediates. The key may be PKCS#8 ({@code BEGIN PRIVATE KEY}, what {@code openssl req -newkey}
 *       writes), PKCS#1 RSA, SEC1 EC, or encrypted (then {@code --tls-key-password} decrypts it).</li>
 *   <li>PKCS#12: {@code --tls-cert bundle.p12} (or {@code .pfx}) with no key file; {@code --tls-key-password}
 *       opens the bundle (empty when not given).</li>
 * </ul>
 *
 * Every failure is a {@link TlsException} with one sentence naming the file.
 */
public final class ServerTlsFiles {

    private static final char[] IN_MEMORY_PASSWORD = "parley".toCharArray();

    private ServerTlsFiles() {
    }

    /** True when {@code cert} names a PKCS#12 bundle, which holds the key as well. */
    public static boolean isPkcs12(Path cert) {
        String name = cert.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    /**
     * @param key      the PEM key file; null for a PKCS#12 bundle
     * @param password decrypts an encrypted PEM key or opens a PKCS#12 bundle; empty when there is none
     */
    public static SSLContext load(Path cert, Path key, char[] password) throws TlsException {
        KeyStore store = isPkcs12(cert) ? readPkcs12(cert, password) : readPem(cert, key, password);
        char[] storePassword = isPkcs12(cert) ? password : IN_MEMORY_PASSWORD;
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, storePassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot use the key in " + cert + ": " + e.getMessage(), e);
        }
    }

    /** An SSLContext serving {@code key} with {@code chain}, for keys already in memory (minted ones). */
    public static SSLContext context(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(key, chain), IN_MEMORY_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore readPkcs12(Path bundle, char[] password) throws TlsException {
        try (InputStream in = Files.newInputStream(bundle)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!store.aliases().hasMoreElements()) {
                throw new TlsException(bundle + " holds no key");
            }
            return store;
        } catch (IOException e) {
            throw new TlsException("cannot read " + bundle + ": " + reason(e)
                    + " (a wrong --tls-key-password reads as a damaged file)", e);
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot read " + bundle + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore readPem(Path cert, Path keyFile, char[] password) throws TlsException {
        if (keyFile == null) {
            throw new TlsException("--tls-cert " + cert + " is PEM, so --tls-key must name its private key");
        }
        List<X509Certificate> chain = readCertificates(cert);
        PrivateKey key = readKey(keyFile, password);
        requireMatch(key, chain.get(0), cert, keyFile);
        try {
            return keyStore(key, chain);
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot use the key in " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM (or DER) file, in order. Used for the server's chain and for trust anchors. */
    public static List<X509Certificate> readCertificates(Path file) throws TlsException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new TlsException(file + " holds no certificate");
            }
            return chain;
        } catch (IOException e) {
            throw new TlsException("cannot read " + file + ": " + reason(e), e);
        } catch (GeneralSecurityException e) {
            throw new TlsException(file + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readKey(Path file, char[] password) throws TlsException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(in)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                // A key pair may lack its public half (SEC1 EC keys often do): only the private key is taken.
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PEMEncryptedKeyPair encrypted) {
                    return converter.getPrivateKey(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().build(password)).getPrivateKeyInfo());
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().build(password)));
                }
            }
            throw new TlsException(file + " holds no PEM private key");
        } catch (PEMException | PKCSException | OperatorCreationException e) {
            throw new TlsException("cannot read the key in " + file + " (is --tls-key-password right?): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new TlsException("cannot read " + file + ": " + reason(e), e);
        }
    }

    /** Signs a few bytes and checks them with the certificate: a mismatch is said at start, not at each handshake. */
    private static void requireMatch(PrivateKey key, X509Certificate cert, Path certFile, Path keyFile)
            throws TlsException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448 name their own signature
        };
        try {
            byte[] probe = "parley".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(probe);
            if (verify.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a different key type fails here too: the same sentence
        }
        throw new TlsException("the key in " + keyFile + " does not belong to the certificate in " + certFile);
    }

    private static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e); // an empty store reads nothing
        }
        store.setKeyEntry("parley", key, IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
        return store;
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }
}
