package parley.history.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import parley.core.ServerLog;
import parley.history.HistoryStoreException;
import parley.trust.Account;
import parley.trust.Ban;
import parley.trust.KeptMessage;
import parley.trust.PasswordHasher;
import parley.trust.Topic;
import parley.trust.TrustStore;

/**
 * Accounts, kept private messages, bans and topics in tables of {@code DIR/history.db}, beside the history
 * (the schema is in {@link Database}).
 *
 * <pre>
 *  chat core (its lock held): save / delete / keep / forget --> bounded queue --> "trust-writer" thread
 *  hashing pool: kept(nick) ------------ waits for its turn ---------------------> one connection, in order
 * </pre>
 *
 * One thread does everything, in the order it was asked, on one connection of its own: a change never waits
 * in the caller, and a read of kept messages sees every change asked for before it. A change that fails is
 * logged and dropped (the chat goes on, with what is in memory); so is one that finds the queue full. Opened
 * after the {@link SqliteHistoryStore} of the same directory, whose lock keeps a second server away.
 */
public final class SqliteTrustStore implements TrustStore {

    /** Changes that may wait for the writer: accounts and bans change rarely, kept messages are capped per nick. */
    static final int QUEUE = 10_000;

    private final Connection connection;
    private final ServerLog log;
    private final ThreadPoolExecutor writer;

    private SqliteTrustStore(Connection connection, ServerLog log) {
        this.connection = connection;
        this.log = log;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "trust-writer");
            t.setDaemon(true); // close() is what finishes the queue; a forgotten close never keeps a JVM alive
            return t;
        });
    }

    /**
     * Opens the tables in {@code dir}'s history file, creating them if needed.
     *
     * @throws HistoryStoreException with one sentence when the file cannot be used
     */
    public static SqliteTrustStore open(Path dir, ServerLog log) {
        Path file = dir.resolve(Database.FILE_NAME);
        Connection c = null;
        try {
            c = Database.SQLITE.open(file);
            Database.configure(c);
            Database.createOrCheck(c);
            return new SqliteTrustStore(c, log);
        } catch (SQLException e) {
            Database.closeQuietly(c);
            throw new HistoryStoreException("cannot open the accounts in " + file + ": " + Database.describe(e), e);
        } catch (Database.IncompatibleFileException e) {
            Database.closeQuietly(c);
            throw new HistoryStoreException("cannot open the accounts in " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Snapshot load() {
        return read(() -> {
            Map<String, Account> accounts = new HashMap<>();
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT nick_key, nick, memory_kib, iterations, parallelism, salt, hash, registered FROM accounts")) {
                while (r.next()) {
                    PasswordHasher.Hash hash = new PasswordHasher.Hash(
                            new PasswordHasher.Parameters(r.getInt(3), r.getInt(4), r.getInt(5)), r.getBytes(6), r.getBytes(7));
                    accounts.put(r.getString(1), new Account(r.getString(2), hash, Instant.ofEpochMilli(r.getLong(8))));
                }
            }
            Map<String, Ban> bans = new HashMap<>();
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT ban_key, target, until, reason, by_nick, at FROM bans")) {
                while (r.next()) {
                    long millis = r.getLong(3);
                    Instant until = r.wasNull() ? null : Instant.ofEpochMilli(millis); // before the next column is read
                    bans.put(r.getString(1), new Ban(r.getString(2), until,
                            r.getString(4), r.getString(5), Instant.ofEpochMilli(r.getLong(6))));
                }
            }
            Map<String, Topic> topics = new HashMap<>();
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT room_key, text, by_nick, at FROM topics")) {
                while (r.next()) {
                    topics.put(r.getString(1), new Topic(r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4))));
                }
            }
            Map<String, Integer> counts = new HashMap<>();
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT nick_key, count(*) FROM kept_messages GROUP BY nick_key")) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
            return new Snapshot(accounts, bans, topics, counts);
        });
    }

    @Override
    public void saveAccount(String nickKey, Account a) {
        write("save the account " + a.nick(), "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                nickKey, a.nick(), a.hash().parameters().memoryKiB(), a.hash().parameters().iterations(),
                a.hash().parameters().parallelism(), a.hash().salt(), a.hash().hash(), a.registered().toEpochMilli());
    }

    @Override
    public void deleteAccount(String nickKey) {
        change("delete the account " + nickKey, () -> {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                execute("DELETE FROM accounts WHERE nick_key = ?", nickKey);
                execute("DELETE FROM kept_messages WHERE nick_key = ?", nickKey);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        });
    }

    @Override
    public void keep(String nickKey, KeptMessage m) {
        write("keep a message for " + m.to(), "INSERT INTO kept_messages (nick_key, recipient, time, sender, address, text)"
                + " VALUES (?, ?, ?, ?, ?, ?)", nickKey, m.to(), m.time().toEpochMilli(), m.from(), m.address(), m.text());
    }

    @Override
    public List<KeptMessage> kept(String nickKey) {
        return read(() -> {
            List<KeptMessage> out = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT id, recipient, time, sender, address, text"
                    + " FROM kept_messages WHERE nick_key = ? ORDER BY id")) {
                s.setString(1, nickKey);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new KeptMessage(r.getLong(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)),
                                r.getString(4), r.getString(5), r.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void forget(String nickKey, long throughId) {
        write("delete delivered messages", "DELETE FROM kept_messages WHERE nick_key = ? AND id <= ?", nickKey, throughId);
    }

    @Override
    public void saveBan(String key, Ban b) {
        write("save the ban on " + b.target(), "INSERT OR REPLACE INTO bans VALUES (?, ?, ?, ?, ?, ?)", key, b.target(),
                b.until() == null ? null : b.until().toEpochMilli(), b.reason(), b.by(), b.at().toEpochMilli());
    }

    @Override
    public void deleteBan(String key) {
        write("delete the ban on " + key, "DELETE FROM bans WHERE ban_key = ?", key);
    }

    @Override
    public void saveTopic(String roomKey, Topic t) {
        write("save the topic of #" + roomKey, "INSERT OR REPLACE INTO topics VALUES (?, ?, ?, ?)", roomKey, t.text(),
                t.by(), t.at().toEpochMilli());
    }

    @Override
    public void deleteTopic(String roomKey) {
        write("delete the topic of #" + roomKey, "DELETE FROM topics WHERE room_key = ?", roomKey);
    }

    /** Writes what is queued (five seconds at most), then closes the connection. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.info("accounts: " + writer.getQueue().size() + " changes were not written at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Database.closeQuietly(connection);
    }

    @FunctionalInterface
    private interface Change {
        void run() throws SQLException;
    }

    private void write(String what, String sql, Object... values) {
        change(what, () -> execute(sql, values));
    }

    private void change(String what, Change change) {
        try {
            writer.execute(() -> {
                try {
                    change.run();
                } catch (SQLException e) {
                    log.info("accounts: could not " + what + ": " + Database.describe(e));
                }
            });
        } catch (RejectedExecutionException e) {
            log.info("accounts: could not " + what + ": " + (writer.isShutdown() ? "the store is closed"
                    : QUEUE + " changes are waiting for the disk"));
        }
    }

    private void execute(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    s.setNull(i + 1, Types.INTEGER);
                } else {
                    s.setObject(i + 1, values[i]);
                }
            }
            s.executeUpdate();
        }
    }

    /** Runs {@code query} on the writer thread, after every change asked for before it, and waits for it. */
    private <T> T read(Callable<T> query) {
        Future<T> result;
        try {
            result = writer.submit(query);
        } catch (RejectedExecutionException e) {
            throw new HistoryStoreException("the accounts store is busy or closed", e);
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryStoreException("interrupted reading the accounts", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new HistoryStoreException("cannot read the accounts: "
                    + (cause instanceof SQLException sql ? Database.describe(sql) : String.valueOf(cause)), cause);
        }
    }
}
