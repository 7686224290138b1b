package io.vanishwatch.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The user's configuration file for {@code ./vanishwatch watch}, read whatever its name, and checked for what no
 * single service can see: a key outside every service's namespace (a typo in its first part), nothing to watch (no
 * account, and no mail server log to follow), no channel to send alerts to. Each service checks its own keys when it starts.
 */
record WatchConfiguration(Path file, Properties properties) {

    static final List<String> NAMESPACES = List.of("vanishwatch.collector.", "vanishwatch.analyzer.",
            "vanishwatch.notifier.");
    private static final String ACCOUNTS = "vanishwatch.collector.accounts.";
    private static final String ACCOUNTS_ENV = "VANISHWATCH_COLLECTOR_ACCOUNTS_";
    private static final String SERVER_LOG = "vanishwatch.collector.server-log.path";
    private static final String NOTIFIER = "vanishwatch.notifier.";
    /** Any one of these turns a notifier channel on; the chat hooks' URLs are secrets and may come from -env/-file. */
    private static final List<String> CHANNEL_KEYS = List.of("email.host", "webhook.url", "slack.url", "slack.url-env",
            "slack.url-file", "teams.url", "teams.url-env", "teams.url-file", "mattermost.url", "mattermost.url-env",
            "mattermost.url-file");

    /**
     * Reads and checks the file.
     *
     * @param environment the process environment: accounts and channels may also come from there
     * @throws IllegalArgumentException naming the file, and every bad key with the reason
     */
    static WatchConfiguration read(Path file, Map<String, String> environment) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read the configuration file " + file.toAbsolutePath());
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the configuration file " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        properties.stringPropertyNames().forEach(key -> keys.add(withoutProfile(key)));
        for (String key : keys) {
            if (key.startsWith("vanishwatch.") && NAMESPACES.stream().noneMatch(key::startsWith)) {
                problems.add(key + ": not a Vanishwatch key; keys start with " + String.join(", ", NAMESPACES));
            }
        }
        boolean account = keys.stream().anyMatch(k -> k.startsWith(ACCOUNTS))
                || environment.keySet().stream().anyMatch(k -> k.startsWith(ACCOUNTS_ENV));
        // a mail server's log alone (the collector as a log shipper) is something to watch too
        boolean serverLog = keys.contains(SERVER_LOG) || environment.containsKey("VANISHWATCH_COLLECTOR_SERVER_LOG_PATH");
        if (!account && !serverLog) {
            problems.add(ACCOUNTS + "<id>.host: no account to watch; add at least one account"
                    + " (host, username and a password key; see config/example.properties), or a mail server log to"
                    + " follow (" + SERVER_LOG + ")");
        }
        boolean channel = CHANNEL_KEYS.stream().anyMatch(key -> keys.contains(NOTIFIER + key)
                || environment.containsKey(environmentName(NOTIFIER + key)));
        if (!channel) {
            problems.add(String.join(" or ", CHANNEL_KEYS.stream().filter(key -> !key.contains("-"))
                    .map(key -> NOTIFIER + key).toList()) + ": no channel for the alerts; set at least one (a URL may"
                    + " also come from -env or -file), or nobody hears of them");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the configuration file " + file.toAbsolutePath() + " is not usable:\n  "
                    + String.join("\n  ", problems));
        }
        return new WatchConfiguration(file, properties);
    }

    /** {@code vanishwatch.notifier.slack.url-env} as MicroProfile Config reads it from the environment. */
    private static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** {@code %prod.vanishwatch.x} is {@code vanishwatch.x} for one Quarkus profile. */
    private static String withoutProfile(String key) {
        if (key.startsWith("%") && key.indexOf('.') > 0) {
            return key.substring(key.indexOf('.') + 1);
        }
        return key;
    }

    /** {@code kafka.bootstrap.servers} from the file, or null. */
    String bootstrapServers() {
        String value = properties.getProperty("kafka.bootstrap.servers");
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The file as the services read it: Quarkus picks a configuration file's format by its name, and skips one that
     * does not end in {@code .properties}; a link named so points at the user's file, whatever its name.
     */
    Path asPropertiesFile(Path dir) {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.getFileName().toString().endsWith(".properties")) {
            return absolute;
        }
        try {
            Files.createDirectories(dir);
            Path link = dir.resolve("vanishwatch.properties");
            Files.deleteIfExists(link);
            return Files.createSymbolicLink(link, absolute);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot link " + absolute + " as a .properties file in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether the file sets {@code key} (for any profile), or the environment sets {@code environmentName}. */
    boolean sets(String key, String environmentName, Map<String, String> environment) {
        boolean inFile = properties.stringPropertyNames().stream().anyMatch(k -> withoutProfile(k).equals(key));
        String fromEnvironment = environment.get(environmentName);
        return inFile || (fromEnvironment != null && !fromEnvironment.isBlank());
    }
}
