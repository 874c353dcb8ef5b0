/**
 * TLS material and settings, shared by both backends, the client and the bench. Only the JDK's JSSE does TLS;
 * BouncyCastle reads PEM keys and mints throwaway certificates.
 *
 * <pre>
 *  --tls-cert/--tls-key --> ServerTlsFiles.load --> SSLContext --> TlsSettings (port, timeout) --> backends
 *                                                                  newServerEngine() / configure(SSLSocket)
 *  --tls/--tls-ca/--insecure --> ClientTls.context --> SSLContext --> ClientTls.connect (verifies the host)
 *  tests, parley bench --tls  --> SelfSigned.mint --> certificate + key, as PEM files or an SSLContext
 * </pre>
 *
 * TLS is transport: nothing here knows about the chat, and the core never hears whether a session came in
 * over TLS.
 */
package parley.tls;
