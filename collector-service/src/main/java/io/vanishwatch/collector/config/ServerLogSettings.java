package io.vanishwatch.collector.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checked settings of the server-log follower: which file (or stdin), and which server user names belong to
 * which account — the accounts' own usernames and the explicit {@code users} map.
 *
 * @param path           the file, or null for stdin
 * @param accountsByUser server user name → account id
 */
public record ServerLogSettings(Path path, String format, Map<String, String> accountsByUser, boolean startAtEnd,
                                Duration pollInterval, Duration sessionIdle, ZoneId zone) {

    static final String KEY = CollectorConfig.PREFIX + ".server-log.";

    /** Whether lines come from stdin rather than a file. */
    public boolean stdin() {
        return path == null;
    }

    /** The follower's settings, empty when no path is set; adds each problem as "key: reason". */
    static Optional<ServerLogSettings> from(CollectorConfig.ServerLog config, List<AccountSettings> accounts,
                                            List<String> problems) {
        if (config.path().isEmpty() || config.path().get().isBlank()) {
            if (!config.users().isEmpty()) {
                problems.add(KEY + "users: maps server users to accounts, but " + KEY + "path is not set: no log is"
                        + " followed");
            }
            return Optional.empty();
        }
        int before = problems.size();
        String written = config.path().get().trim();
        Path path = null;
        if (!written.equals("-")) {
            try {
                path = Path.of(written);
                Path dir = path.toAbsolutePath().getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    problems.add(KEY + "path: the directory of " + written + " does not exist");
                } else if (Files.isDirectory(path)) {
                    problems.add(KEY + "path: " + written + " is a directory, not a log file");
                } else if (Files.exists(path) && !Files.isReadable(path)) {
                    problems.add(KEY + "path: " + written + " is not readable by this user");
                }
            } catch (InvalidPathException e) {
                problems.add(KEY + "path: '" + written + "' is not a file path (" + e.getReason() + ")");
            }
        }
        String format = config.format().trim().toLowerCase(Locale.ROOT);
        if (!format.equals("dovecot")) {
            problems.add(KEY + "format: '" + config.format() + "' is not a known log format; known: dovecot");
        }
        String startAt = config.startAt().trim().toLowerCase(Locale.ROOT);
        if (!startAt.equals("end") && !startAt.equals("beginning")) {
            problems.add(KEY + "start-at: '" + config.startAt() + "' is neither end nor beginning");
        }
        positive(KEY + "poll-interval", config.pollInterval(), problems);
        positive(KEY + "session-idle", config.sessionIdle(), problems);
        ZoneId zone = ZoneId.systemDefault();
        if (config.timeZone().isPresent()) {
            try {
                zone = ZoneId.of(config.timeZone().get().trim());
            } catch (DateTimeException e) {
                problems.add(KEY + "time-zone: '" + config.timeZone().get() + "' is not a time zone (e.g. Europe/Berlin, UTC)");
            }
        }
        Map<String, String> accountsByUser = new TreeMap<>();
        for (AccountSettings account : accounts) {
            accountsByUser.put(account.username(), account.id());
        }
        new TreeMap<>(config.users()).forEach((user, account) -> {
            if (account == null || account.isBlank()) {
                problems.add(KEY + "users." + user + ": names no account id");
                return;
            }
            String previous = accountsByUser.put(user, account.trim());
            if (previous != null && !previous.equals(account.trim())) {
                problems.add(KEY + "users." + user + ": says account " + account.trim() + ", but account " + previous
                        + " has this username");
            }
        });
        if (accountsByUser.isEmpty()) {
            problems.add(KEY + "users.<server-user>: no account to attribute the log to; watch an account, or map"
                    + " server users to account ids here");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ServerLogSettings(path, format, Map.copyOf(accountsByUser), startAt.equals("end"),
                config.pollInterval(), config.sessionIdle(), zone));
    }

    private static void positive(String key, Duration duration, List<String> problems) {
        if (duration.isNegative() || duration.isZero()) {
            problems.add(key + ": must be longer than zero, is " + duration);
        }
    }
}
