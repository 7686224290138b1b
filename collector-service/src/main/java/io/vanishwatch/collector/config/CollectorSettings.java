package io.vanishwatch.collector.config;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import io.vanishwatch.collector.oauth.TokenLogin;

/**
 * The checked collector configuration: every account complete and unambiguous, or an
 * {@link InvalidConfigurationException} that names each wrong key and why.
 */
public record CollectorSettings(List<AccountSettings> accounts, Duration initialBackoff, Duration maxBackoff,
                                Duration idleRefresh, Duration resyncInterval, Duration folderPollInterval,
                                int maxConcurrentLoginsPerServer, Duration loginJitter, String checkpointTopic,
                                String transactionalId, Optional<ServerLogSettings> serverLog,
                                Optional<GroupSettings> group, Duration configReloadInterval,
                                Optional<Path> descriptionStoreDirectory) {

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
        if (config.maxConcurrentLoginsPerServer() < 1) {
            problems.add(prefix + "max-concurrent-logins-per-server: must be at least 1, is "
                    + config.maxConcurrentLoginsPerServer());
        }
        if (config.loginJitter().isNegative()) {
            problems.add(prefix + "login-jitter: must not be negative, is " + config.loginJitter());
        }
        requireNonBlank(problems, prefix + "checkpoint-topic", config.checkpointTopic());
        requireNonBlank(problems, prefix + "transactional-id", config.transactionalId());

        Optional<TrustStore> trustStore = trustStore(prefix, config.trustStore(), config.trustStorePassword(),
                config.trustStorePasswordEnv(), config.trustStorePasswordFile(), environment, problems);
        List<AccountSettings> accounts = new ArrayList<>();
        for (Map.Entry<String, CollectorConfig.Account> entry : new TreeMap<>(config.accounts()).entrySet()) {
            account(entry.getKey(), entry.getValue(), config.maxConnectionsPerAccount(), trustStore, environment,
                    problems).ifPresent(accounts::add);
        }
        Optional<ServerLogSettings> serverLog = ServerLogSettings.from(config.serverLog(), accounts, problems);
        Optional<GroupSettings> group = GroupSettings.from(config, problems);
        if (config.configReloadInterval().isNegative()) {
            problems.add(prefix + "config-reload-interval: must not be negative (0s turns it off), is "
                    + config.configReloadInterval());
        }
        Optional<Path> descriptionStore = descriptionStoreDirectory(prefix + "description-store.directory",
                config.descriptionStoreDirectory(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new CollectorSettings(List.copyOf(accounts), config.reconnect().initialBackoff(),
                config.reconnect().maxBackoff(), config.idleRefresh(), config.resyncInterval(),
                config.folderPollInterval(), config.maxConcurrentLoginsPerServer(), config.loginJitter(),
                config.checkpointTopic().trim(), config.transactionalId().trim(),
                serverLog, group, config.configReloadInterval(), descriptionStore);
    }

    /** A directory the collector can write in, or one it can create. */
    private static Optional<Path> descriptionStoreDirectory(String key, Optional<String> value, List<String> problems) {
        if (value.isEmpty() || value.get().isBlank()) {
            return Optional.empty();
        }
        Path directory;
        try {
            directory = Path.of(value.get().trim());
        } catch (InvalidPathException e) {
            problems.add(key + ": not a path (" + e.getMessage() + ")");
            return Optional.empty();
        }
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            problems.add(key + ": " + directory + " is not a directory");
        } else if (!Files.isWritable(existing)) {
            problems.add(key + ": " + (existing.equals(directory.toAbsolutePath()) ? ""
                    : directory + " cannot be created: ") + existing + " is not writable by this process");
        }
        return Optional.of(directory);
    }

    private static Optional<AccountSettings> account(String id, CollectorConfig.Account account, int defaultConnections,
                                                     Optional<TrustStore> globalTrustStore,
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
        String auth = account.auth().map(a -> a.trim().toUpperCase(Locale.ROOT)).orElse("PASSWORD");
        Password password = null;
        Optional<TokenLogin> oauth2 = Optional.empty();
        if (auth.equals("PASSWORD")) {
            password = password(key, account, environment, problems);
            if (OAuth2Settings.given(account.oauth2())) {
                problems.add(key + "oauth2: is set, but auth is PASSWORD; set auth=XOAUTH2 (or OAUTHBEARER) to log in"
                        + " with OAuth2");
            }
        } else if (auth.equals("XOAUTH2") || auth.equals("OAUTHBEARER")) {
            if (account.password().isPresent() || account.passwordEnv().isPresent()
                    || account.passwordFile().isPresent()) {
                problems.add(key + "password: is not used with auth=" + auth + "; remove it (the login is the"
                        + " access token from oauth2.*)");
            }
            TokenLogin.Mechanism mechanism = TokenLogin.Mechanism.valueOf(auth);
            oauth2 = OAuth2Settings.tokens(key + "oauth2.", account.oauth2(), environment, problems)
                    .map(tokens -> new TokenLogin(mechanism, tokens));
        } else {
            problems.add(key + "auth: '" + account.auth().get() + "' is not one of PASSWORD, XOAUTH2, OAUTHBEARER");
        }
        boolean verifyCertificates = account.verifyCertificates().orElse(true);
        Optional<TrustStore> trustStore = trustStore(key, account.trustStore(), account.trustStorePassword(),
                account.trustStorePasswordEnv(), account.trustStorePasswordFile(), environment, problems);
        if (account.trustStore().isPresent() && security == Security.PLAIN) {
            problems.add(key + "trust-store: security is PLAIN, there is no TLS to trust a certificate for");
        } else if (account.trustStore().isPresent() && !verifyCertificates) {
            problems.add(key + "trust-store: verify-certificates is false, so no certificate would be checked;"
                    + " with a trust store, leave verify-certificates at true");
        }
        if (trustStore.isEmpty() && account.trustStore().isEmpty()) {
            trustStore = globalTrustStore;
        }
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
        return Optional.of(new AccountSettings(id, host, port, security, verifyCertificates,
                username, password, inbox, account.folders().junk().filter(f -> !f.isBlank()),
                account.folders().trash().filter(f -> !f.isBlank()), exclude, maxConnections, trustStore, oauth2));
    }

    private static Password password(String key, CollectorConfig.Account account, UnaryOperator<String> environment,
                                     List<String> problems) {
        return secret(key, "password", account.password(), account.passwordEnv(), account.passwordFile(),
                environment, problems, true).orElse(null);
    }

    /**
     * A secret given as {@code name}, {@code name-env} (an environment variable) or {@code name-file} (read again at
     * each use): exactly one of them, or none when it is not {@code required}. Problems name the key, never the value.
     */
    static Optional<Password> secret(String key, String name, Optional<String> value, Optional<String> env,
                                     Optional<String> file, UnaryOperator<String> environment, List<String> problems,
                                     boolean required) {
        List<String> given = new ArrayList<>();
        value.ifPresent(p -> given.add(name));
        env.ifPresent(p -> given.add(name + "-env"));
        file.ifPresent(p -> given.add(name + "-file"));
        String choices = name + ", " + name + "-env, " + name + "-file";
        if (given.isEmpty()) {
            if (required) {
                problems.add(key + name + ": one of " + choices + " is required");
            }
            return Optional.empty();
        }
        if (given.size() > 1) {
            problems.add(key + given.get(0) + ": give exactly one of " + choices + ", not "
                    + String.join(" and ", given));
            return Optional.empty();
        }
        if (value.isPresent()) {
            return Optional.ofNullable(nonEmpty(key + name, value.get(), "is empty", problems));
        }
        if (env.isPresent()) {
            String variable = env.get();
            String fromEnvironment = environment.apply(variable);
            if (fromEnvironment == null) {
                problems.add(key + name + "-env: environment variable " + variable + " is not set");
                return Optional.empty();
            }
            return Optional.ofNullable(nonEmpty(key + name + "-env", fromEnvironment,
                    "environment variable " + variable + " is empty", problems));
        }
        Path path = Path.of(file.get());
        try {
            // read again at every use: a secret fixed in the file is used without a restart
            Password secret = Password.fromFile(path);
            if (secret.reveal().isEmpty()) {
                problems.add(key + name + "-file: file " + path + " is empty");
                return Optional.empty();
            }
            return Optional.of(secret);
        } catch (UncheckedIOException e) {
            problems.add(key + name + "-file: cannot read " + path + " ("
                    + e.getCause().getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /**
     * The trust store at {@code key} ({@code <prefix>trust-store}) with its password, read now so that a missing or
     * unreadable file stops the start.
     */
    static Optional<TrustStore> trustStore(String key, Optional<String> file, Optional<String> password,
                                           Optional<String> passwordEnv, Optional<String> passwordFile,
                                           UnaryOperator<String> environment, List<String> problems) {
        Optional<Password> secret = secret(key, "trust-store-password", password, passwordEnv, passwordFile,
                environment, problems, false);
        if (file.isEmpty() || file.get().isBlank()) {
            if (secret.isPresent()) {
                problems.add(key + "trust-store-password: is set, but " + key + "trust-store is not");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(TrustStore.load(Path.of(file.get().trim()),
                    secret.map(p -> p.reveal().toCharArray()).orElse(null)));
        } catch (IllegalArgumentException e) {
            problems.add(key + "trust-store: " + e.getMessage());
            return Optional.empty();
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
