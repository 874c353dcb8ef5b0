package parley.selector;

import parley.conformance.TlsContract;
import parley.server.ServerBackend;

class SelectorTlsTest extends TlsContract {
    @Override
    protected ServerBackend backend() {
        return new SelectorBackend();
    }
}
