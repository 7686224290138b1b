package io.vanishwatch.collector.config;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The checked collector configuration: every account complete and unambiguous, or an
 * {@link InvalidConfigurationException} that names each wrong key and why.
 */
public record CollectorSettings(List<AccountSettings> accounts, Duration initialBackoff, Duration maxBackoff,
                                Duration idleRefresh, Duration resyncInterval, Duration folderPollInterval,
                                String checkpointTopic, String transactionalId, Optional<ServerLogSettings> serverLog) {

    /** RFC 2177: servers may end an IDLE after 30 minutes, so clients renew it before 29. */
    static final Duration IDLE_LIMIT = Duration.ofMinutes(29);

    /**
     * Checks the configuration as written.
     *
     * @param environment looks up an environment variable by name (null when unset), for {@code password-env}
     */
    public static CollectorSettings from(CollectorConfig config, UnaryOperator<String> environment) {
        List<String> problems = new ArrayList<>();
        String prefix = CollectorConfig.PREFIX + ".";
        requirePositive(problems, prefix + "reconnect.initial-backoff", config.reconnect().initialBackoff());
        requirePositive(problems, prefix + "reconnect.max-backoff", config.reconnect().maxBackoff());
        if (config.reconnect().maxBackoff().compareTo(config.reconnect().initialBackoff()) < 0) {
            problems.add(prefix + "reconnect.max-backoff: must not be shorter than reconnect.initial-backoff ("
                    + config.reconnect().initialBackoff() + ")");
        }
        requirePositive(problems, prefix + "idle-refresh", config.idleRefresh());
        if (config.idleRefresh().compareTo(IDLE_LIMIT) > 0) {
            problems.add(prefix + "idle-refresh: must be at most 29m (RFC 2177), is " + config.idleRefresh());
        }
        requirePositive(problems, prefix + "resync-interval", config.resyncInterval());
        requirePositive(problems, prefix + "folder-poll-interval", config.folderPollInterval());
        if (config.maxConnectionsPerAccount() < 1) {
            problems.add(prefix + "max-connections-per-account: must be at least 1, is "
                    + config.maxConnectionsPerAccount());
        }
        requireNonBlank(problems, prefix + "checkpoint-topic", config.checkpointTopic());
        requireNonBlank(problems, prefix + "transactional-id", config.transactionalId());

        List<AccountSettings> accounts = new ArrayList<>();
        for (Map.Entry<String, CollectorConfig.Account> entry : new TreeMap<>(config.accounts()).entrySet()) {
            account(entry.getKey(), entry.getValue(), config.maxConnectionsPerAccount(), environment, problems)
                    .ifPresent(accounts::add);
        }
        Optional<ServerLogSettings> serverLog = ServerLogSettings.from(config.serverLog(), accounts, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new CollectorSettings(List.copyOf(accounts), config.reconnect().initialBackoff(),
                config.reconnect().maxBackoff(), config.idleRefresh(), config.resyncInterval(),
                config.folderPollInterval(), config.checkpointTopic().trim(), config.transactionalId().trim(),
                serverLog);
    }

    private static Optional<AccountSettings> account(String id, CollectorConfig.Account account, int defaultConnections,
                                                     UnaryOperator<String> environment, List<String> problems) {
        String key = CollectorConfig.PREFIX + ".accounts." + id + ".";
        int before = problems.size();

        String host = account.host().filter(h -> !h.isBlank()).orElse(null);
        if (host == null) {
            problems.add(key + "host: is required");
        }
        String username = account.username().filter(u -> !u.isBlank()).orElse(null);
        if (username == null) {
            problems.add(key + "username: is required");
        }
        Security security = Security.TLS;
        if (account.security().isPresent()) {
            try {
                security = Security.valueOf(account.security().get().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(key + "security: '" + account.security().get() + "' is not one of TLS, STARTTLS, PLAIN");
            }
        }
        int port = account.port().orElse(security.defaultPort());
        if (port < 1 || port > 65535) {
            problems.add(key + "port: " + port + " is not a TCP port (1-65535)");
        }
        Password password = password(key, account, environment, problems);
        String inbox = account.folders().inbox().filter(f -> !f.isBlank()).orElse("INBOX");
        int maxConnections = account.maxConnections().orElse(defaultConnections);
        if (maxConnections < 1) {
            problems.add(key + "max-connections: must be at least 1, is " + maxConnections);
        }
        List<String> exclude = account.folders().exclude().orElse(List.of()).stream()
                .map(String::trim).filter(f -> !f.isEmpty()).toList();
        if (exclude.stream().anyMatch(inbox::equalsIgnoreCase)) {
            problems.add(key + "folders.exclude: the INBOX (" + inbox + ") is always watched");
        }

        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new AccountSettings(id, host, port, security, account.verifyCertificates().orElse(true),
                username, password, inbox, account.folders().junk().filter(f -> !f.isBlank()),
                account.folders().trash().filter(f -> !f.isBlank()), exclude, maxConnections));
    }

    private static Password password(String key, CollectorConfig.Account account, UnaryOperator<String> environment,
                                     List<String> problems) {
        List<String> given = new ArrayList<>();
        account.password().ifPresent(p -> given.add("password"));
        account.passwordEnv().ifPresent(p -> given.add("password-env"));
        account.passwordFile().ifPresent(p -> given.add("password-file"));
        if (given.isEmpty()) {
            problems.add(key + "password: one of password, password-env, password-file is required");
            return null;
        }
        if (given.size() > 1) {
            problems.add(key + given.get(0) + ": give exactly one of password, password-env, password-file, not "
                    + String.join(" and ", given));
            return null;
        }
        if (account.password().isPresent()) {
            return nonEmpty(key + "password", account.password().get(), "is empty", problems);
        }
        if (account.passwordEnv().isPresent()) {
            String variable = account.passwordEnv().get();
            String value = environment.apply(variable);
            if (value == null) {
                problems.add(key + "password-env: environment variable " + variable + " is not set");
                return null;
            }
            return nonEmpty(key + "password-env", value, "environment variable " + variable + " is empty", problems);
        }
        Path file = Path.of(account.passwordFile().get());
        try {
            // read again at every login: a password fixed in the file is used without a restart
            Password password = Password.fromFile(file);
            if (password.reveal().isEmpty()) {
                problems.add(key + "password-file: file " + file + " is empty");
                return null;
            }
            return password;
        } catch (UncheckedIOException e) {
            problems.add(key + "password-file: cannot read " + file + " ("
                    + e.getCause().getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static Password nonEmpty(String key, String value, String reason, List<String> problems) {
        if (value.isEmpty()) {
            problems.add(key + ": " + reason);
            return null;
        }
        return new Password(value);
    }

    private static void requireNonBlank(List<String> problems, String key, String value) {
        if (value == null || value.isBlank()) {
            problems.add(key + ": must not be empty");
        }
    }

    private static void requirePositive(List<String> problems, String key, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            problems.add(key + ": must be longer than zero, is " + duration);
        }
    }
}
