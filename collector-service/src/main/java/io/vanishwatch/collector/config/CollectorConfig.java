package io.vanishwatch.collector.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The collector's configuration as written, under {@code vanishwatch.collector}; {@link CollectorSettings} checks it
 * and turns it into what the watchers use.
 */
@ConfigMapping(prefix = CollectorConfig.PREFIX)
public interface CollectorConfig {

    String PREFIX = "vanishwatch.collector";

    /** The watched accounts by account id (the Kafka key of everything about them). */
    Map<String, Account> accounts();

    Reconnect reconnect();

    /** How long one IDLE may last before it is renewed (RFC 2177: well before 29 minutes). */
    @WithDefault("25m")
    Duration idleRefresh();

    /**
     * How often a connected watch synchronises INBOX and looks at every folder's status even without a
     * notification (servers that push no flag changes, a notification that never came).
     */
    @WithDefault("60s")
    Duration resyncInterval();

    /** How often the folders other than INBOX are looked at, on servers without NOTIFY (RFC 5465). */
    @WithDefault("15s")
    Duration folderPollInterval();

    /** The most IMAP connections one account's watch may hold; an account may set its own. */
    @WithDefault("2")
    int maxConnectionsPerAccount();

    /**
     * The most connection set-ups (connect, TLS, login) in progress at once against one server (host and port), so
     * that a start or a server restart with many accounts is not a login storm.
     */
    @WithDefault("4")
    int maxConcurrentLoginsPerServer();

    /** Each watch's first login waits a random time below this, so that the logins of a start are spread out. */
    @WithDefault("5s")
    Duration loginJitter();

    /** Where the folder checkpoints are kept: a compacted topic the collector creates if it is missing. */
    @WithDefault("vanishwatch.collector-checkpoints.v1")
    String checkpointTopic();

    /**
     * The collector's Kafka transactional id: events and checkpoints are written in one transaction, and a
     * restarted collector with the same id fences its dead predecessor. Two collectors need two ids.
     */
    @WithDefault("vanishwatch-collector")
    String transactionalId();

    /**
     * Certificates every account trusts besides the JDK's (a company CA, a self-signed server): a PEM or PKCS12
     * file; an account's own {@code trust-store} replaces it.
     */
    Optional<String> trustStore();

    Optional<String> trustStorePassword();

    Optional<String> trustStorePasswordEnv();

    Optional<String> trustStorePasswordFile();

    /** Following the mail server's own log, to name the client that removed each message (optional). */
    ServerLog serverLog();

    /**
     * Which of the configured accounts this instance watches: {@code all} of them (one collector), or those of the
     * partitions Kafka's group membership gives it ({@code group}: several collectors share the accounts).
     */
    @WithDefault("all")
    String assignment();

    /** How collectors with {@code assignment=group} share the accounts. */
    Group group();

    /**
     * How often the configuration file is looked at for added, changed or removed accounts, which then take effect
     * without a restart; {@code 0s} turns it off.
     */
    @WithDefault("10s")
    Duration configReloadInterval();

    /**
     * Where the descriptions of known messages (subject, sender, Message-ID: ~180 bytes a message) are kept off the
     * heap, in memory-mapped scratch files removed as soon as they are mapped: a directory on a disk (a tmpfs keeps
     * them in RAM). The system's temporary directory when unset.
     */
    @WithName("description-store.directory")
    Optional<String> descriptionStoreDirectory();

    /** Collectors sharing the accounts through a Kafka consumer group. */
    interface Group {
        /** The consumer group: collectors with the same id share the accounts. */
        @WithDefault("vanishwatch-collector")
        String id();

        /**
         * The topic whose partitions are the shares: an account belongs to the partition its id hashes to, as its
         * events do. Created (with as many partitions as the mailbox events) when missing.
         */
        @WithDefault("vanishwatch.collector-accounts.v1")
        String accountsTopic();

        /** How long a silent instance keeps its accounts before the others take them over. */
        @WithDefault("10s")
        Duration sessionTimeout();

        /**
         * This instance's name in the group and in its transactional id; by default the host name and process id.
         * A restarted instance with the same name fences its dead predecessor at once.
         */
        Optional<String> instanceId();
    }

    /** Backoff between reconnect attempts. */
    interface Reconnect {
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();
    }

    /** One account as written; everything optional here so that {@link CollectorSettings} can name what is wrong. */
    interface Account {
        Optional<String> host();

        OptionalInt port();

        Optional<String> security();

        @WithName("verify-certificates")
        Optional<Boolean> verifyCertificates();

        Optional<String> username();

        Optional<String> password();

        Optional<String> passwordEnv();

        Optional<String> passwordFile();

        /** Certificates this account trusts besides the JDK's, instead of the global {@code trust-store}. */
        Optional<String> trustStore();

        Optional<String> trustStorePassword();

        Optional<String> trustStorePasswordEnv();

        Optional<String> trustStorePasswordFile();

        /**
         * How the account logs in: {@code PASSWORD} (the default), or with an OAuth2 access token by {@code XOAUTH2}
         * (Gmail, Microsoft 365) or {@code OAUTHBEARER} (RFC 7628).
         */
        Optional<String> auth();

        /** Where the access tokens come from, with {@code auth=XOAUTH2} or {@code OAUTHBEARER}. */
        OAuth2 oauth2();

        /** This account's connection budget, instead of {@code max-connections-per-account}. */
        OptionalInt maxConnections();

        Folders folders();
    }

    /**
     * An account's OAuth2 access tokens: by the refresh grant at {@code token-url} with the app's client id (and
     * secret) and the user's refresh token, or from {@code token-command}.
     */
    interface OAuth2 {
        Optional<String> tokenUrl();

        Optional<String> clientId();

        Optional<String> clientSecret();

        Optional<String> clientSecretEnv();

        Optional<String> clientSecretFile();

        Optional<String> refreshToken();

        Optional<String> refreshTokenEnv();

        Optional<String> refreshTokenFile();

        /** The scopes asked for at each refresh, space-separated (e.g. {@code https://mail.google.com/}). */
        Optional<String> scope();

        /** A command (run by {@code /bin/sh -c}) that prints an access token, or JSON with access_token, expires_in. */
        Optional<String> tokenCommand();
    }

    /**
     * Folder names. Every selectable folder is watched unless excluded; Junk and Trash are found by SPECIAL-USE,
     * else by these names, else by their common names.
     */
    interface Folders {
        Optional<String> inbox();

        Optional<String> junk();

        Optional<String> trash();

        /** Folders not to watch, by full name; {@code *} matches any characters (e.g. {@code Archive/20*}). */
        Optional<List<String>> exclude();
    }

    /** The mail server's log, followed where it is written; without {@code path} there is no follower. */
    interface ServerLog {

        /** The log file to follow ({@code log_path} of Dovecot), or {@code -} for lines piped on stdin. */
        Optional<String> path();

        /** The log's format; {@code dovecot} is the one there is. */
        @WithDefault("dovecot")
        String format();

        /**
         * Server user names mapped to account ids, besides each account's own {@code username}: on the mail server,
         * a collector that watches no account and only ships the log names its accounts here.
         */
        Map<String, String> users();

        /** Where to begin in a log with no saved position: {@code end} (only what comes next) or {@code beginning}. */
        @WithDefault("end")
        String startAt();

        /** How often the file is looked at for new lines when it has none. */
        @WithDefault("250ms")
        Duration pollInterval();

        /** How long a session without a line is remembered (its IMAP ID and address) before it is forgotten. */
        @WithDefault("8h")
        Duration sessionIdle();

        /** The zone of the log's timestamps (Dovecot writes local time without an offset); default: this host's. */
        Optional<String> timeZone();
    }
}
