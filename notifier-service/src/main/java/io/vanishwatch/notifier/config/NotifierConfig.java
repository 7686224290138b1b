package io.vanishwatch.notifier.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The notifier's keys under {@code vanishwatch.notifier} as written; {@link NotifierSettings} checks them and
 * resolves the secrets.
 */
@ConfigMapping(prefix = NotifierConfig.PREFIX)
public interface NotifierConfig {

    String PREFIX = "vanishwatch.notifier";

    Email email();

    Webhook webhook();

    ChatHook slack();

    ChatHook teams();

    Mattermost mattermost();

    Retry retry();

    /** The zone the default receiver's notifications show times in. */
    @WithDefault("UTC")
    String timeZone();

    /** The default receiver's language: {@code en} or {@code ja}. */
    @WithDefault("en")
    String language();

    /** Where the analyzer's API is, for a link to the account's timeline in each notification; none when unset. */
    Optional<String> timelineBaseUrl();

    /** The root route's grouping labels: {@code account}, {@code customer}, {@code pattern}, {@code severity}, or {@code none}. */
    @WithDefault("account,pattern")
    List<String> groupBy();

    @WithDefault("0s")
    Duration groupWait();

    @WithDefault("0s")
    Duration groupInterval();

    /** 0s: never repeat. */
    @WithDefault("4h")
    Duration repeatInterval();

    /** Named receivers the routes point at; {@code default} (every channel above) always exists. */
    Map<String, Receiver> receivers();

    /** Routes, tried in the order of their names; an alert none takes goes to the {@code default} receiver. */
    Map<String, Route> routes();

    /** Per account: the customer it belongs to, a label for routes, silences and grouping. */
    Map<String, Account> accounts();

    /** Who is told: a subset of the channels above, their own e-mail recipients, language and zone. */
    interface Receiver {

        /** Channel names among {@code email}, {@code webhook}, {@code slack}, {@code teams}, {@code mattermost}; all when unset. */
        Optional<List<String>> channels();

        /** E-mail recipients instead of {@code email.to}. */
        Optional<List<String>> emailTo();

        /** The receiver's own webhook, instead of {@code webhook.*}; the same keys. */
        Optional<Webhook> webhook();

        /** The receiver's own Slack hook (e.g. its team's channel), instead of {@code slack.*}. */
        Optional<ChatHook> slack();

        Optional<ChatHook> teams();

        Optional<Mattermost> mattermost();

        Optional<String> language();

        Optional<String> timeZone();

        Optional<String> timelineBaseUrl();

        @WithDefault("true")
        boolean sendResolved();
    }

    /** Which alerts go to which receiver, and how they are grouped (the root's grouping where unset). */
    interface Route {

        Optional<String> receiver();

        Optional<List<String>> accounts();

        Optional<List<String>> customers();

        Optional<List<String>> patterns();

        Optional<List<String>> severities();

        @WithName("continue")
        @WithDefault("false")
        boolean continueMatching();

        Optional<List<String>> groupBy();

        Optional<Duration> groupWait();

        Optional<Duration> groupInterval();

        Optional<Duration> repeatInterval();
    }

    interface Account {

        Optional<String> customer();
    }

    /** SMTP delivery; on when {@code host} is set unless {@code enabled=false}. */
    interface Email {

        Optional<Boolean> enabled();

        Optional<String> host();

        /** Default from {@link #security()}: 465 for TLS, 587 for STARTTLS, 25 for PLAIN. */
        Optional<Integer> port();

        @WithDefault("STARTTLS")
        String security();

        @WithDefault("true")
        boolean verifyCertificates();

        Optional<String> username();

        Optional<String> password();

        Optional<String> passwordEnv();

        Optional<String> passwordFile();

        Optional<String> from();

        Optional<List<String>> to();

        @WithDefault("10s")
        Duration timeout();
    }

    /** A JSON POST per notification; on when {@code url} is set. */
    interface Webhook {

        Optional<String> url();

        Optional<String> bearerToken();

        Optional<String> bearerTokenEnv();

        /** HMAC-SHA256 key for {@code X-Vanishwatch-Signature}; at most one of the value, -env and -file. */
        Optional<String> signingSecret();

        Optional<String> signingSecretEnv();

        Optional<String> signingSecretFile();

        @WithDefault("10s")
        Duration timeout();
    }

    /**
     * A chat's incoming webhook (Slack, a Teams workflow); on when {@code url} is set. The URL is the secret, so it
     * may come from an environment variable or a file like a password.
     */
    interface ChatHook {

        Optional<String> url();

        Optional<String> urlEnv();

        Optional<String> urlFile();

        @WithDefault("10s")
        Duration timeout();
    }

    /** A Mattermost incoming webhook; on when {@code url} is set. */
    interface Mattermost extends ChatHook {

        /** The name the post shows, if the hook allows overriding it; the hook's own name otherwise. */
        Optional<String> username();
    }

    /**
     * Exponential backoff between delivery attempts of one notification on one channel; a notification stays pending
     * until it is sent, refused for good, or {@code give-up-after} passed.
     */
    interface Retry {

        /** No limit when unset: {@code give-up-after} decides. */
        Optional<Integer> maxAttempts();

        @WithDefault("1d")
        Duration giveUpAfter();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("1m")
        Duration maxBackoff();
    }
}
