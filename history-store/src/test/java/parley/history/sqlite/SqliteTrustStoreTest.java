package parley.history.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.trust.Account;
import parley.trust.Ban;
import parley.trust.KeptMessage;
import parley.trust.PasswordHasher;
import parley.trust.Topic;
import parley.trust.TrustStore;

/** The trust tables in a real SQLite file: what is written is read back after a reopen, in order. */
class SqliteTrustStoreTest {

    private static final Instant T = Instant.parse("2026-11-26T14:02:07Z");

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    @Test
    void everythingWrittenIsReadBackAfterAReopen() {
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.FOR_TESTS);
        Account ada = new Account("Ada", hasher.hash("secret-1"), T);
        Ban forEver = new Ban("troll", null, "", "op", T);
        Ban forAnHour = new Ban("10.0.0.0/8", T.plusSeconds(3600), "flood", "op", T);
        try (SqliteTrustStore store = SqliteTrustStore.open(dir, log::add)) {
            store.saveAccount("ada", ada);
            store.saveAccount("bob", new Account("bob", hasher.hash("secret-2"), T));
            store.saveBan("troll", forEver);
            store.saveBan("10.0.0.0/8", forAnHour);
            store.saveBan("gone", new Ban("gone", null, "", "op", T));
            store.deleteBan("gone");
            store.saveTopic("lobby", new Topic("hello", "op", T));
            store.keep("ada", new KeptMessage(0, "Ada", T, "bob", "127.0.0.1:4000", "first"));
            store.keep("ada", new KeptMessage(0, "Ada", T.plusSeconds(1), "bob", "127.0.0.1:4000", "second"));
            store.keep("bob", new KeptMessage(0, "bob", T, "ada", "127.0.0.1:4001", "for bob"));
            assertThat(store.kept("ada")).extracting(KeptMessage::text).containsExactly("first", "second");
        }
        try (SqliteTrustStore store = SqliteTrustStore.open(dir, log::add)) {
            TrustStore.Snapshot s = store.load();
            assertThat(s.accounts()).containsOnlyKeys("ada", "bob");
            assertThat(s.accounts().get("ada")).isEqualTo(ada);
            assertThat(hasher.verify("secret-1", s.accounts().get("ada").hash())).isTrue();
            assertThat(s.bans()).containsOnlyKeys("troll", "10.0.0.0/8");
            assertThat(s.bans().get("troll")).isEqualTo(forEver);
            assertThat(s.bans().get("10.0.0.0/8")).isEqualTo(forAnHour);
            assertThat(s.topics().get("lobby")).isEqualTo(new Topic("hello", "op", T));
            assertThat(s.keptCounts()).containsEntry("ada", 2).containsEntry("bob", 1);

            List<KeptMessage> kept = store.kept("ada");
            store.forget("ada", kept.get(0).id());
            assertThat(store.kept("ada")).extracting(KeptMessage::text).containsExactly("second");
            store.deleteAccount("bob");
            assertThat(store.kept("bob")).isEmpty();
            assertThat(store.load().accounts()).containsOnlyKeys("ada");
        }
        assertThat(log).isEmpty();
    }

    @Test
    void aHistoryFileOfTheFirstSchemaGainsTheTables() throws Exception {
        try (var c = Database.SQLITE.open(dir.resolve(Database.FILE_NAME))) {
            Database.execute(c, "CREATE TABLE lines (id INTEGER PRIMARY KEY, room TEXT NOT NULL, time INTEGER NOT NULL,"
                    + " kind INTEGER NOT NULL, nick TEXT NOT NULL, address TEXT NOT NULL, text TEXT NOT NULL)");
            Database.execute(c, "PRAGMA user_version = 1");
        }
        try (SqliteTrustStore store = SqliteTrustStore.open(dir, log::add)) {
            store.saveTopic("lobby", new Topic("upgraded", "op", T));
            assertThat(store.load().topics()).containsKey("lobby");
        }
    }
}
