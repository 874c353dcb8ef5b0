/**
 * The contract both backends must pass, shipped as main code so each backend's tests can extend it.
 *
 * <pre>
 *  SomeBackendTest extends {@link parley.conformance.BackendContract}   (one line: which backend)
 *      starts that backend on 127.0.0.1:0 with a fixed-clock ChatCore
 *      drives it with {@link parley.conformance.ChatClient}s: real sockets, a reader thread each
 * </pre>
 *
 * The contracts: {@link parley.conformance.BackendContract} (the protocol),
 * {@link parley.conformance.LimitsContract} (floods, caps, slow consumers, leaks) and
 * {@link parley.conformance.OverloadContract} (output memory and its budget, failures, shutdown),
 * {@link parley.conformance.HistoryContract} (ids, fetches, restarts) and
 * {@link parley.conformance.TrustContract} (registered nicks and moderation). {@link parley.conformance.ClusterContract}
 * is the part of the protocol that must hold across the nodes of a cluster, every client on another node (its
 * subclass, in module {@code cluster}, starts the nodes and their Redis).
 */
package parley.conformance;
