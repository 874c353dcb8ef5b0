package parley.tls;

/** Key material or a trust anchor that cannot be used, with one sentence saying why and where. */
public final class TlsException extends Exception {

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
