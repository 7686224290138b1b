package io.vanishwatch.notifier.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** The zone the e-mail and webhook texts show times in. */
    @WithDefault("UTC")
    String timeZone();

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

    /** Exponential backoff between delivery attempts of one notification on one channel. */
    interface Retry {

        @WithDefault("5")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("1m")
        Duration maxBackoff();
    }
}
