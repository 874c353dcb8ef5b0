package parley.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import parley.core.Names;
import parley.core.ServerLog;
import parley.core.TrustSettings;
import parley.history.sqlite.SqliteTrustStore;
import parley.protocol.TextSanitizer;
import parley.trust.MemoryTrustStore;
import parley.trust.PasswordHasher;
import parley.trust.TrustStore;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Registered nicks and operators on {@code parley server}: where accounts live (beside the history), who the
 * operators are, the message of the day. docs/SECURITY.md, "Registered nicks and operators".
 */
final class TrustOptions {

    /** A message of the day longer than this is a mistake (it is sent to every connection). */
    static final int MAX_MOTD_LINES = 50;

    @Option(names = "--operators", paramLabel = "FILE",
            description = "Registered nicks that are operators once identified: one nick a line; blank lines and "
                    + "lines starting with # are skipped.")
    Path operatorsFile;

    @Option(names = "--motd", paramLabel = "FILE",
            description = "Message of the day, sent to every connection after the welcome (UTF-8, at most "
                    + MAX_MOTD_LINES + " lines).")
    Path motdFile;

    @Option(names = "--identify-grace", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long someone may hold a registered nick without /identify before being renamed "
                    + "(default: ${DEFAULT-VALUE}).")
    long graceSeconds;

    private Set<String> operators = Set.of();
    private List<String> motd = List.of();

    /**
     * Reads the files, before anything is opened: a file that cannot be read or holds something that is not a
     * nick is a usage error (one sentence, exit code 2).
     */
    void check(CommandLine cl) {
        if (graceSeconds < 1) {
            throw new CommandLine.ParameterException(cl, "--identify-grace must be at least 1 second");
        }
        operators = operatorsFile == null ? Set.of() : operators(cl, operatorsFile);
        motd = motdFile == null ? List.of() : motd(cl, motdFile);
    }

    /** Opens the accounts, in {@code dataDir}'s history file or in memory when it is null; after {@link #check}. */
    ServerTrust open(Path dataDir, ServerLog log) {
        TrustStore store = dataDir == null ? new MemoryTrustStore() : SqliteTrustStore.open(dataDir, log);
        ExecutorService hashing = TrustSettings.hashingPool();
        TrustSettings settings = new TrustSettings(store, new PasswordHasher(PasswordHasher.OWASP_MINIMUM), hashing,
                Duration.ofSeconds(graceSeconds), TrustSettings.DEFAULT_WRONG_PASSWORDS,
                TrustSettings.DEFAULT_KEPT_PER_NICK, Set.of(), motd).withOperators(operators);
        if (!operators.isEmpty()) {
            log.info("operators: " + String.join(", ", operators));
        }
        return new ServerTrust(settings, hashing);
    }

    static Set<String> operators(CommandLine cl, Path file) {
        Set<String> nicks = new LinkedHashSet<>();
        List<String> lines = read(cl, "--operators", file);
        for (int i = 0; i < lines.size(); i++) {
            String nick = lines.get(i).strip();
            if (nick.isEmpty() || nick.startsWith("#")) {
                continue;
            }
            Optional<String> problem = Names.problem(Names.normalized(nick));
            if (problem.isPresent()) {
                throw new CommandLine.ParameterException(cl, "--operators " + file + " line " + (i + 1) + ": '" + nick
                        + "' is not a nick (it " + problem.get() + ")");
            }
            nicks.add(Names.normalized(nick));
        }
        return nicks;
    }

    static List<String> motd(CommandLine cl, Path file) {
        List<String> lines = new ArrayList<>();
        for (String line : read(cl, "--motd", file)) {
            lines.add(TextSanitizer.clean(line).stripTrailing()); // the file is trusted, the terminals it reaches are not
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.size() > MAX_MOTD_LINES) {
            throw new CommandLine.ParameterException(cl, "--motd " + file + " has " + lines.size()
                    + " lines; at most " + MAX_MOTD_LINES + " are sent");
        }
        return lines;
    }

    private static List<String> read(CommandLine cl, String option, Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl, option + " " + file + " cannot be read ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()) + ")");
        }
    }

    /** What a server was given; closed after the server has stopped: checks under way finish, changes are written. */
    record ServerTrust(TrustSettings settings, ExecutorService hashing) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            hashing.shutdown();
            hashing.awaitTermination(5, TimeUnit.SECONDS);
            settings.store().close();
        }
    }
}
