package io.vanishwatch.analyzer.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The analyzer's settings under {@code vanishwatch.analyzer}; checked by {@link AnalyzerSettingsReader} at start.
 * Durations take Quarkus' forms ({@code 10s}, {@code 15m}, {@code PT10S}).
 */
@ConfigMapping(prefix = AnalyzerConfig.PREFIX)
public interface AnalyzerConfig {

    String PREFIX = "vanishwatch.analyzer";

    /** How long before or after a removal an arrival of the same message in another folder makes it a MOVE. */
    @WithDefault("10s")
    Duration correlationWindow();

    /**
     * How often the punctuators run: on stream time, deciding GONE removals without a verdict and ending quiet
     * episodes; on the wall clock, ending quiet episodes once the task has caught up.
     */
    @WithDefault("1s")
    Duration punctuateInterval();

    /** How long, in event time, an event id is remembered so that an event published again is dropped. */
    @WithDefault("7d")
    Duration dedupRetention();

    /**
     * The task counts as caught up with its input when its newest event is at most this old by the wall clock, or
     * its stream time has not moved for this long; only then does the wall clock end quiet episodes.
     */
    @WithDefault("5s")
    Duration caughtUpWithin();

    /** The quiet period of every pattern that sets none of its own; each pattern's window when unset. */
    Optional<Duration> quietPeriod();

    /** CLIENT_MOVES_TO_LOCAL: unread mail leaves INBOX soon after arrival and lands in no server folder. */
    PatternConfig clientFilter();

    /** MOVED_TO_JUNK: unread mail leaves INBOX soon after arrival for a Junk folder. */
    PatternConfig junkMove();

    /** MOVED_TO_FOLDER: unread mail leaves INBOX soon after arrival for another folder on the server (not Trash). */
    PatternConfig folderMove();

    /** DELETED_UNREAD: unread mail leaves INBOX soon after arrival for Trash. */
    PatternConfig deletedUnread();

    /** DOWNLOAD_AND_DELETE: nearly every arrival taken off the server in batches at a near-fixed interval. */
    DownloadAndDeleteConfig downloadAndDelete();

    /** MASS_REMOVAL: many messages, old ones too, removed in a short window. */
    MassRemovalConfig massRemoval();

    /** MAILBOX_RESET: a folder's UIDVALIDITY changed. */
    MailboxResetConfig mailboxReset();

    /** WATCHER_BLIND: the watch cannot read the account. */
    WatcherBlindConfig watcherBlind();

    /** A growing alert is said again (UPDATED) at most this often, unless its count has doubled. */
    @WithDefault("5m")
    Duration updateInterval();

    /** Joining disappearances to the mail server's own records of who removed them ({@code vanishwatch.server-log.v1}). */
    AttributionConfig attribution();

    /** LOGIN_FAILURES: logins to the account keep failing (from the server log). */
    LoginFailuresConfig loginFailures();

    /** NEW_DEVICE: a client name or address the account's server log had not shown before. */
    NewDeviceConfig newDevice();

    /** Per account id, thresholds that differ from the global ones: {@code accounts.<id>.<pattern>.<key>}. */
    Map<String, AccountConfig> accounts();

    interface AttributionConfig {

        /** How far apart in event time a server record and a removal may be and still match; how long records are kept. */
        @WithDefault("2m")
        Duration window();

        /** How long a disappearance waits for a server record that comes after it (accounts with a server log only). */
        @WithName("wait")
        @WithDefault("3s")
        Duration maxWait();

        /** An account whose server log said nothing for this long is not waited for. */
        @WithDefault("1h")
        Duration activeFor();
    }

    interface LoginFailuresConfig {

        /** Failed logins within the window that make the alert. */
        @WithDefault("5")
        int minCount();

        @WithDefault("10m")
        Duration window();

        Optional<Duration> quietPeriod();
    }

    interface NewDeviceConfig {

        /** A new device is said for this long; another one within it is added to the same alert. */
        @WithDefault("1h")
        Duration quietPeriod();

        /** The devices seen in this long after an account's server log is first heard are its known ones. */
        @WithDefault("1d")
        Duration learningPeriod();

        /** A device not seen for this long is forgotten. */
        @WithDefault("30d")
        Duration forgetAfter();
    }

    /** The thresholds of one pattern. */
    interface PatternConfig {

        @WithDefault("3")
        int minCount();

        @WithDefault("10m")
        Duration maxDwell();

        @WithDefault("15m")
        Duration window();

        Optional<Duration> quietPeriod();
    }

    interface DownloadAndDeleteConfig {

        /** Batches at a regular interval that make the pattern (at least 3). */
        @WithDefault("3")
        int minCount();

        @WithDefault("2h")
        Duration maxDwell();

        @WithDefault("3h")
        Duration window();

        Optional<Duration> quietPeriod();

        /** A longer pause between two removals starts a new batch. */
        @WithDefault("2m")
        Duration batchGap();

        /** How far each interval may stray from the median, as a share of it. */
        @WithDefault("0.25")
        double intervalTolerance();

        /** The share of INBOX arrivals the batches must take. */
        @WithDefault("0.8")
        double minRemovedShare();
    }

    interface MassRemovalConfig {

        @WithDefault("100")
        int minCount();

        @WithDefault("10m")
        Duration window();

        Optional<Duration> quietPeriod();
    }

    interface MailboxResetConfig {

        @WithDefault("1h")
        Duration quietPeriod();
    }

    interface WatcherBlindConfig {

        /** How long a watch may be blind before it is said: a restart or a short outage stays quiet. */
        @WithDefault("2m")
        Duration grace();
    }

    /** One account's overrides; what is not set is the global value. */
    interface AccountConfig {

        Optional<PatternOverride> clientFilter();

        Optional<PatternOverride> junkMove();

        Optional<PatternOverride> folderMove();

        Optional<PatternOverride> deletedUnread();

        Optional<PatternOverride> downloadAndDelete();

        Optional<PatternOverride> massRemoval();

        Optional<PatternOverride> mailboxReset();

        Optional<WatcherBlindOverride> watcherBlind();
    }

    interface PatternOverride {

        Optional<Integer> minCount();

        Optional<Duration> maxDwell();

        Optional<Duration> window();

        Optional<Duration> quietPeriod();
    }

    interface WatcherBlindOverride {

        Optional<Duration> grace();
    }
}
