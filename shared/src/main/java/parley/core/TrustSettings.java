package parley.core;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import parley.trust.MemoryTrustStore;
import parley.trust.PasswordHasher;
import parley.trust.TrustStore;

/**
 * How the core treats registered nicks and operators.
 *
 * @param store          where accounts, kept messages, bans and topics live; the caller closes it
 * @param hasher         Argon2id with the parameters new passwords are hashed with
 * @param hashing        a small bounded executor that hashes passwords (and reads kept messages): a check it
 *                       refuses is answered "busy"; the caller shuts it down
 * @param grace          how long someone may hold a registered nick without identifying
 * @param wrongPasswords failed password checks allowed per address: a burst, then a steady rate
 * @param keptPerNick    private messages kept for one offline registered nick at most
 * @param operators      look-alike keys ({@link Names#key}) of the registered nicks that are operators
 * @param motd           the message of the day, line by line; empty for none
 */
public record TrustSettings(TrustStore store, PasswordHasher hasher, Executor hashing, Duration grace,
                            RateLimit wrongPasswords, int keptPerNick, Set<String> operators, List<String> motd) {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    /** Five wrong passwords at once, then one a minute: a person mistyping is not held up, a guesser is. */
    public static final RateLimit DEFAULT_WRONG_PASSWORDS = new RateLimit(1 / 60.0, 5);
    public static final int DEFAULT_KEPT_PER_NICK = 100;
    /** Password checks at once, and waiting: each takes ~20 MiB and tens of milliseconds of a core. */
    public static final int HASHING_THREADS = 2;
    public static final int HASHING_QUEUE = 32;

    public TrustSettings {
        operators = Set.copyOf(operators);
        motd = List.copyOf(motd);
    }

    /**
     * Accounts in memory, OWASP's minimum Argon2id, the default limits, no operators and no message of the
     * day; the hashing runs on up to {@link #HASHING_THREADS} daemon threads that end when idle.
     */
    public static TrustSettings inMemory() {
        return new TrustSettings(new MemoryTrustStore(), new PasswordHasher(PasswordHasher.OWASP_MINIMUM),
                hashingPool(), DEFAULT_GRACE, DEFAULT_WRONG_PASSWORDS, DEFAULT_KEPT_PER_NICK, Set.of(), List.of());
    }

    /** The executor {@link #inMemory} uses, for callers that want one of the same shape. */
    public static ThreadPoolExecutor hashingPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HASHING_THREADS, HASHING_THREADS, 10, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(HASHING_QUEUE), r -> {
                    Thread t = new Thread(r, "password-hashing");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public TrustSettings withStore(TrustStore value) {
        return new TrustSettings(value, hasher, hashing, grace, wrongPasswords, keptPerNick, operators, motd);
    }

    public TrustSettings withHashing(PasswordHasher h, Executor e) {
        return new TrustSettings(store, h, e, grace, wrongPasswords, keptPerNick, operators, motd);
    }

    public TrustSettings withGrace(Duration value) {
        return new TrustSettings(store, hasher, hashing, value, wrongPasswords, keptPerNick, operators, motd);
    }

    public TrustSettings withWrongPasswords(RateLimit value) {
        return new TrustSettings(store, hasher, hashing, grace, value, keptPerNick, operators, motd);
    }

    public TrustSettings withKeptPerNick(int value) {
        return new TrustSettings(store, hasher, hashing, grace, wrongPasswords, value, operators, motd);
    }

    /** {@code nicks} as written in an operators file; kept by their look-alike keys. */
    public TrustSettings withOperators(Set<String> nicks) {
        return new TrustSettings(store, hasher, hashing, grace, wrongPasswords, keptPerNick,
                nicks.stream().map(Names::key).collect(java.util.stream.Collectors.toSet()), motd);
    }

    public TrustSettings withMotd(List<String> lines) {
        return new TrustSettings(store, hasher, hashing, grace, wrongPasswords, keptPerNick, operators, lines);
    }
}
