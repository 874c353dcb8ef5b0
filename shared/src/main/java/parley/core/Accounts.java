package parley.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import parley.protocol.AccountCommand;
import parley.protocol.ChatEvent;
import parley.protocol.Member;
import parley.trust.Account;
import parley.trust.KeptMessage;
import parley.trust.TrustStore;

/**
 * Registered nicks: {@code /register}, {@code /identify}, {@code /drop}, the grace period of someone holding a
 * registered nick, and the private messages kept for a registered nick while it is offline.
 *
 * <pre>
 *  core lock held: check the command, take the address's token    hashing pool (no lock)
 *                  submit ------------------------------------->  Argon2id hash or verify; the kept messages
 *                  "busy" if the pool is full                       |
 *  core lock held: the nick is still what it was? then register,  <-+  ChatCore.locked(...)
 *                  identify (deliver kept messages) or drop
 * </pre>
 *
 * Every method but the pool's work runs under the core's lock (ChatCore calls in with it held). A session is
 * identified to an account, not to a nick: an operator who changes nick stays identified. Passwords are never
 * logged, echoed or kept: only their hashes are.
 */
final class Accounts {

    private static final Pattern GUEST = Pattern.compile("guest\\d+");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 256;
    /** Addresses whose wrong passwords are counted at once; the least recently wrong one is forgotten past it. */
    private static final int TRACKED_ADDRESSES = 10_000;

    private final ChatCore core;
    private final Clock clock;
    private final ServerLog log;
    private final TrustSettings settings;
    private final TrustStore store;
    private final Map<String, Account> accounts;
    private final Map<String, Integer> keptCounts;
    /** Who has proved which account, by its key. */
    private final Map<Session, String> identified = new HashMap<>();
    /** Who holds a registered nick without having identified, and until when they may. */
    private final Map<Session, Instant> deadlines = new LinkedHashMap<>();
    /** Sessions with a password check on the pool: one at a time each. */
    private final Set<Session> checking = new HashSet<>();
    private final Map<String, TokenBucket> wrongPasswords = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
            return size() > TRACKED_ADDRESSES;
        }
    };

    Accounts(ChatCore core, Clock clock, ServerLog log, TrustSettings settings, TrustStore.Snapshot snapshot) {
        this.core = core;
        this.clock = clock;
        this.log = log;
        this.settings = settings;
        this.store = settings.store();
        this.accounts = new HashMap<>(snapshot.accounts());
        this.keptCounts = new HashMap<>(snapshot.keptCounts());
    }

    void run(Session s, AccountCommand c) {
        c.accept(new AccountCommand.Visitor<Void>() {
            @Override
            public Void register(AccountCommand.Register r) {
                Accounts.this.register(s, r.password());
                return null;
            }

            @Override
            public Void identify(AccountCommand.Identify i) {
                Accounts.this.identify(s, i.nick().isEmpty() ? s.nick() : Names.normalized(i.nick()), i.password());
                return null;
            }

            @Override
            public Void drop(AccountCommand.Drop d) {
                Accounts.this.drop(s, d.password());
                return null;
            }
        });
    }

    /** The account key {@code s} has proved, if any. */
    Optional<String> identifiedAs(Session s) {
        return Optional.ofNullable(identified.get(s));
    }

    boolean isRegistered(String nickKey) {
        return accounts.containsKey(nickKey);
    }

    /** Whether {@code s} may be sent what is meant for its nick: it is not registered, or {@code s} proved it. */
    boolean owns(Session s) {
        String key = Names.key(s.nick());
        return !accounts.containsKey(key) || key.equals(identified.get(s));
    }

    /** {@code s} has a new nick: a registered one it has not proved starts the grace period. */
    void renamed(Session s) {
        if (owns(s)) {
            deadlines.remove(s);
            return;
        }
        deadlines.put(s, clock.instant().plus(settings.grace()));
        core.inform(s, s.nick() + " is a registered nick: /identify PASSWORD within " + seconds(settings.grace())
                + ", or you will be renamed");
    }

    void forget(Session s) {
        identified.remove(s);
        deadlines.remove(s);
        checking.remove(s);
    }

    /** Renames whoever held a registered nick past the grace period without identifying. */
    void tick(Instant now) {
        List<Session> late = new ArrayList<>();
        deadlines.forEach((s, deadline) -> {
            if (!now.isBefore(deadline)) {
                late.add(s);
            }
        });
        for (Session s : late) {
            deadlines.remove(s);
            String guest = core.freshGuestNick();
            core.inform(s, "you did not identify for " + s.nick() + " within " + seconds(settings.grace())
                    + "; you are now " + guest);
            log.info("grace over: " + s.address() + " " + s.nick() + " -> " + guest);
            core.rename(s, guest);
        }
    }

    /**
     * {@code from} sent a private message to {@code nick}, which nobody who owns it holds: kept for it if it is
     * registered. Returns false when it is not, and the sender is to hear that nobody has the nick.
     */
    boolean keep(Session from, String nick, String text) {
        String key = Names.key(nick);
        Account account = accounts.get(key);
        if (account == null) {
            return false;
        }
        int count = keptCounts.getOrDefault(key, 0);
        if (count >= settings.keptPerNick()) {
            core.refuse(from, account.nick() + " has " + count + " messages waiting, the most kept; this one was not kept");
            return true;
        }
        keptCounts.put(key, count + 1);
        store.keep(key, new KeptMessage(0, account.nick(), clock.instant(), from.nick(), from.address(), text));
        core.send(from, new ChatEvent.Private(clock.instant(), from.member(), account.nick(), text));
        core.inform(from, account.nick() + " is registered and not here: the message is kept until "
                + account.nick() + " identifies");
        return true;
    }

    private void register(Session s, String password) {
        String nick = s.nick();
        String key = Names.key(nick);
        if (GUEST.matcher(nick.toLowerCase(Locale.ROOT)).matches()) {
            core.refuse(s, "guest nicks cannot be registered; choose a nick with /nick first");
        } else if (accounts.containsKey(key)) {
            core.refuse(s, nick + " is already registered");
        } else if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            core.refuse(s, "a password has " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        } else {
            onPool(s, () -> settings.hasher().hash(password), hash -> {
                if (!Names.key(s.nick()).equals(key) || accounts.containsKey(key)) {
                    core.refuse(s, nick + " was not registered: it changed hands while the password was hashed");
                    return;
                }
                Account account = new Account(nick, hash, clock.instant());
                accounts.put(key, account);
                store.saveAccount(key, account);
                identified.put(s, key);
                deadlines.remove(s);
                log.info("register " + nick + " from " + s.address());
                core.inform(s, nick + " is registered to you; next time /identify PASSWORD, or connect with "
                        + "parley client --nick " + nick + " --password-file FILE");
            });
        }
    }

    private void identify(Session s, String nick, String password) {
        String key = Names.key(nick);
        Account account = accounts.get(key);
        if (account == null) {
            core.refuse(s, nick + " is not registered");
            return;
        }
        if (key.equals(identified.get(s)) && key.equals(Names.key(s.nick()))) {
            core.inform(s, "you are already identified as " + account.nick());
            return;
        }
        if (!mayTry(s)) {
            return;
        }
        onPool(s, () -> settings.hasher().verify(password, account.hash())
                        ? store.kept(key) : null,
                kept -> {
                    if (accounts.get(key) != account) {
                        core.refuse(s, account.nick() + " is no longer registered");
                    } else if (kept == null) {
                        wrongPassword(s, account.nick());
                    } else {
                        identified(s, key, account, kept);
                    }
                });
    }

    private void identified(Session s, String key, Account account, List<KeptMessage> kept) {
        identified.put(s, key);
        log.info("identify " + account.nick() + " from " + s.address());
        Session holder = core.holder(key);
        if (holder != null && holder != s) {
            String guest = core.freshGuestNick();
            core.inform(holder, account.nick() + " was claimed by its owner; you are now " + guest);
            core.rename(holder, guest);
        }
        core.inform(s, "you are identified as " + account.nick());
        if (holder != s) {
            core.rename(s, account.nick());
        }
        deadlines.remove(s);
        if (!kept.isEmpty()) {
            core.inform(s, kept.size() + (kept.size() == 1 ? " private message was" : " private messages were")
                    + " kept for you:");
            for (KeptMessage m : kept) {
                core.send(s, new ChatEvent.Private(m.time(), new Member(m.from(), m.address()), s.nick(), m.text()));
            }
            store.forget(key, kept.get(kept.size() - 1).id());
            keptCounts.computeIfPresent(key, (k, n) -> n > kept.size() ? n - kept.size() : null);
        }
    }

    private void drop(Session s, String password) {
        String key = Names.key(s.nick());
        Account account = accounts.get(key);
        if (account == null) {
            core.refuse(s, s.nick() + " is not registered");
        } else if (!key.equals(identified.get(s))) {
            core.refuse(s, "identify as " + account.nick() + " first");
        } else if (mayTry(s)) {
            onPool(s, () -> settings.hasher().verify(password, account.hash()), right -> {
                if (accounts.get(key) != account) {
                    core.refuse(s, account.nick() + " is no longer registered");
                } else if (!right) {
                    wrongPassword(s, account.nick());
                } else {
                    accounts.remove(key);
                    keptCounts.remove(key);
                    store.deleteAccount(key);
                    identified.values().removeIf(key::equals);
                    log.info("drop " + account.nick() + " from " + s.address());
                    core.inform(s, account.nick() + " is no longer registered");
                }
            });
        }
    }

    /** Whether {@code s}'s address may try a password now; if not, it has been told when it may. */
    private boolean mayTry(Session s) {
        TokenBucket bucket = wrongPasswords.get(ip(s));
        Duration wait = bucket == null ? Duration.ZERO : bucket.untilNextToken();
        if (wait.isZero()) {
            return true;
        }
        core.refuse(s, "too many wrong passwords from your address; try again in " + seconds(wait));
        return false;
    }

    private void wrongPassword(Session s, String nick) {
        wrongPasswords.computeIfAbsent(ip(s), k -> new TokenBucket(settings.wrongPasswords(), clock)).tryTake();
        log.info("wrong password for " + nick + " from " + s.address());
        core.refuse(s, "wrong password for " + nick);
    }

    /**
     * Runs {@code work} on the hashing pool, then {@code done} with its result under the core's lock if
     * {@code s} is still connected; one check per session at a time, and "busy" when the pool is full.
     */
    private <T> void onPool(Session s, Supplier<T> work, Consumer<T> done) {
        if (!checking.add(s)) {
            core.refuse(s, "your last password is still being checked");
            return;
        }
        try {
            settings.hashing().execute(() -> {
                T result;
                try {
                    result = work.get();
                } catch (RuntimeException e) { // the store failed to read kept messages, say
                    log.info("password check for " + s.address() + " failed: " + e);
                    core.locked(() -> {
                        if (checking.remove(s) && s.isOpen()) {
                            core.refuse(s, "the password could not be checked; try again later");
                        }
                    });
                    return;
                }
                core.locked(() -> {
                    if (checking.remove(s) && s.isOpen()) {
                        done.accept(result);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            checking.remove(s);
            core.refuse(s, "the server is busy checking passwords; try again in a moment");
        }
    }

    private static String ip(Session s) {
        String a = s.address();
        return a.startsWith("[") ? a.substring(0, a.indexOf(']') + 1) : a.substring(0, Math.max(0, a.lastIndexOf(':')));
    }

    private static String seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000) + " s";
    }
}
