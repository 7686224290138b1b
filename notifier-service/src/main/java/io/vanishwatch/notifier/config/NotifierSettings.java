package io.vanishwatch.notifier.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.vanishwatch.notifier.delivery.RetryPolicy;
import io.vanishwatch.notifier.dispatch.DeliveryPolicy;
import io.vanishwatch.notifier.delivery.email.EmailSettings;
import io.vanishwatch.notifier.delivery.email.SmtpSecurity;
import io.vanishwatch.notifier.delivery.http.HttpTarget;
import io.vanishwatch.notifier.delivery.mattermost.MattermostSettings;
import io.vanishwatch.notifier.delivery.webhook.WebhookSettings;

/**
 * The notifier's configuration checked as a whole: every problem is named by its key and reason, secrets are read
 * from where the configuration points, and what was only implied (e-mail on, the SMTP port) is made explicit.
 *
 * @param warnings things that work but deserve a person's attention, e.g. a webhook over plain http
 */
public record NotifierSettings(
        Optional<EmailSettings> email,
        Optional<WebhookSettings> webhook,
        Optional<HttpTarget> slack,
        Optional<HttpTarget> teams,
        Optional<MattermostSettings> mattermost,
        DeliveryPolicy delivery,
        ZoneId timeZone,
        Map<String, Hooks> receiverHooks,
        List<String> warnings) {

    /** A receiver's own webhook and chat hooks, used instead of the shared ones of the same kind. */
    public record Hooks(Optional<WebhookSettings> webhook, Optional<HttpTarget> slack, Optional<HttpTarget> teams,
            Optional<MattermostSettings> mattermost) {

        /** The channel names these hooks stand for. */
        public List<String> channels() {
            List<String> names = new ArrayList<>();
            webhook.ifPresent(hook -> names.add("webhook"));
            slack.ifPresent(hook -> names.add("slack"));
            teams.ifPresent(hook -> names.add("teams"));
            mattermost.ifPresent(hook -> names.add("mattermost"));
            return names;
        }
    }

    private static final String PREFIX = NotifierConfig.PREFIX + ".";
    private static final String EMAIL = NotifierConfig.PREFIX + ".email.";
    private static final String RETRY = NotifierConfig.PREFIX + ".retry.";

    /** Checks {@code config}; {@code environment} looks up environment variables (System::getenv in production). */
    public static NotifierSettings from(NotifierConfig config, UnaryOperator<String> environment) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<EmailSettings> email = email(config.email(), environment, problems);
        Hooks shared = hooks(PREFIX, Optional.of(config.webhook()), Optional.of(config.slack()),
                Optional.of(config.teams()), Optional.of(config.mattermost()), environment, problems, warnings);
        Optional<WebhookSettings> webhook = shared.webhook();
        Optional<HttpTarget> slack = shared.slack();
        Optional<HttpTarget> teams = shared.teams();
        Optional<MattermostSettings> mattermost = shared.mattermost();
        Map<String, Hooks> receiverHooks = new TreeMap<>();
        config.receivers().forEach((name, receiver) -> {
            Hooks own = hooks(PREFIX + "receivers." + name + ".", receiver.webhook(), receiver.slack(),
                    receiver.teams(), receiver.mattermost(), environment, problems, warnings);
            if (!own.channels().isEmpty()) {
                receiverHooks.put(name, own);
            }
        });
        DeliveryPolicy delivery = new DeliveryPolicy(retry(config.retry(), problems), config.retry().giveUpAfter());
        ZoneId zone = ZoneId.of("UTC");
        try {
            zone = ZoneId.of(config.timeZone());
        } catch (DateTimeException e) {
            problems.add(NotifierConfig.PREFIX + ".time-zone: '" + config.timeZone() + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new NotifierSettings(email, webhook, slack, teams, mattermost, delivery, zone, Map.copyOf(receiverHooks),
                List.copyOf(warnings));
    }

    /** The shared webhook and chat hooks (those not of one receiver). */
    public Hooks hooks() {
        return new Hooks(webhook, slack, teams, mattermost);
    }

    /** The shared channels by name, in the order the notifier makes them: e-mail, then the hooks. */
    public List<String> channelNames() {
        List<String> names = new ArrayList<>();
        email.ifPresent(settings -> names.add("email"));
        names.addAll(hooks().channels());
        return names;
    }

    /** True when no channel is configured and alerts are only logged. */
    public boolean noChannel() {
        return email.isEmpty() && webhook.isEmpty() && slack.isEmpty() && teams.isEmpty() && mattermost.isEmpty();
    }

    private static Optional<EmailSettings> email(NotifierConfig.Email config, UnaryOperator<String> environment,
            List<String> problems) {
        Optional<String> host = config.host().filter(h -> !h.isBlank());
        boolean enabled = config.enabled().orElse(host.isPresent());
        if (!enabled) {
            return Optional.empty();
        }
        int before = problems.size();
        if (host.isEmpty()) {
            problems.add(EMAIL + "host: required when e-mail is enabled");
        }
        SmtpSecurity security = SmtpSecurity.STARTTLS;
        try {
            security = SmtpSecurity.valueOf(config.security().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(EMAIL + "security: '" + config.security() + "' is not one of TLS, STARTTLS, PLAIN");
        }
        int port = config.port().orElse(security.defaultPort());
        if (port < 1 || port > 65535) {
            problems.add(EMAIL + "port: " + port + " is not a TCP port");
        }
        List<String> to = config.to().orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (to.isEmpty()) {
            problems.add(EMAIL + "to: required when e-mail is enabled (one or more addresses, comma-separated)");
        }
        to.forEach(address -> checkAddress(EMAIL + "to", address, problems));
        Optional<String> from = config.from().filter(f -> !f.isBlank());
        if (from.isEmpty()) {
            problems.add(EMAIL + "from: required when e-mail is enabled");
        } else {
            checkAddress(EMAIL + "from", from.get(), problems);
        }
        Optional<String> username = config.username().filter(u -> !u.isBlank());
        Optional<String> password = secret(EMAIL + "password", config.password(), config.passwordEnv(),
                config.passwordFile(), environment, problems);
        if (username.isEmpty() && (config.password().isPresent() || config.passwordEnv().isPresent()
                || config.passwordFile().isPresent())) {
            problems.add(EMAIL + "password: set only with " + EMAIL + "username");
        }
        if (username.isPresent() && password.isEmpty() && problems.size() == before) {
            problems.add(EMAIL + "password: required with " + EMAIL + "username (or password-env / password-file)");
        }
        if (config.timeout().isNegative() || config.timeout().isZero()) {
            problems.add(EMAIL + "timeout: must be positive");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new EmailSettings(host.get(), port, security, config.verifyCertificates(), username,
                password, from.get(), to, config.timeout()));
    }

    private static Hooks hooks(String prefix, Optional<NotifierConfig.Webhook> webhook,
            Optional<NotifierConfig.ChatHook> slack, Optional<NotifierConfig.ChatHook> teams,
            Optional<NotifierConfig.Mattermost> mattermost, UnaryOperator<String> environment, List<String> problems,
            List<String> warnings) {
        return new Hooks(
                webhook.flatMap(config -> webhook(prefix + "webhook.", config, environment, problems, warnings)),
                slack.flatMap(config -> chatHook(prefix + "slack.", config, environment, problems, warnings)),
                teams.flatMap(config -> chatHook(prefix + "teams.", config, environment, problems, warnings)),
                mattermost.flatMap(config -> chatHook(prefix + "mattermost.", config, environment, problems, warnings)
                        .map(target -> new MattermostSettings(target,
                                config.username().filter(name -> !name.isBlank()).map(String::strip)))));
    }

    private static Optional<WebhookSettings> webhook(String prefix, NotifierConfig.Webhook config,
            UnaryOperator<String> environment, List<String> problems, List<String> warnings) {
        Optional<String> url = config.url().filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            if (config.bearerToken().isPresent() || config.bearerTokenEnv().isPresent()) {
                problems.add(prefix + "bearer-token: set only with " + prefix + "url");
            }
            if (config.signingSecret().isPresent() || config.signingSecretEnv().isPresent()
                    || config.signingSecretFile().isPresent()) {
                problems.add(prefix + "signing-secret: set only with " + prefix + "url");
            }
            return Optional.empty();
        }
        int before = problems.size();
        URI uri = httpUrl(prefix + "url", url.get(), "alerts (and any bearer token)", problems, warnings);
        Optional<String> token = secret(prefix + "bearer-token", config.bearerToken(), config.bearerTokenEnv(),
                Optional.empty(), environment, problems);
        Optional<String> signingSecret = secret(prefix + "signing-secret", config.signingSecret(),
                config.signingSecretEnv(), config.signingSecretFile(), environment, problems);
        if (config.timeout().isNegative() || config.timeout().isZero()) {
            problems.add(prefix + "timeout: must be positive");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new WebhookSettings(uri, token, signingSecret, config.timeout()));
    }

    /** A chat's incoming webhook: its URL (a secret, from the value, -env or -file) checked like the webhook's. */
    private static Optional<HttpTarget> chatHook(String prefix, NotifierConfig.ChatHook config,
            UnaryOperator<String> environment, List<String> problems, List<String> warnings) {
        int before = problems.size();
        Optional<String> url = secret(prefix + "url", config.url(), config.urlEnv(), config.urlFile(), environment,
                problems).filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri = httpUrl(prefix + "url", url.get(), "alerts and the hook's secret path", problems, warnings);
        if (config.timeout().isNegative() || config.timeout().isZero()) {
            problems.add(prefix + "timeout: must be positive");
        }
        return problems.size() > before ? Optional.empty() : Optional.of(new HttpTarget(uri, config.timeout()));
    }

    /** An https URL (http only to loopback without a warning); the problems never repeat the URL, it is a secret. */
    private static URI httpUrl(String key, String value, String whatTravels, List<String> problems,
            List<String> warnings) {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                problems.add(key + ": must be an https:// (or http://) URL");
            } else if (uri.getHost() == null) {
                problems.add(key + ": has no host");
            } else if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                warnings.add(key + ": plain http to " + uri.getHost() + " — " + whatTravels
                        + " travel unencrypted; use https");
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(key + ": not a URL (" + e.getReason() + ")");
            return null;
        }
    }

    private static RetryPolicy retry(NotifierConfig.Retry config, List<String> problems) {
        int before = problems.size();
        if (config.maxAttempts().isPresent() && config.maxAttempts().get() < 1) {
            problems.add(RETRY + "max-attempts: must be at least 1, was " + config.maxAttempts().get());
        }
        if (config.giveUpAfter().isNegative() || config.giveUpAfter().isZero()) {
            problems.add(RETRY + "give-up-after: must be positive");
        }
        if (config.initialBackoff().isNegative()) {
            problems.add(RETRY + "initial-backoff: must not be negative");
        }
        if (config.maxBackoff().compareTo(config.initialBackoff()) < 0) {
            problems.add(RETRY + "max-backoff: must be at least " + RETRY + "initial-backoff ("
                    + config.initialBackoff() + ")");
        }
        return problems.size() > before ? new RetryPolicy(1, Duration.ZERO, Duration.ZERO)
                : new RetryPolicy(config.maxAttempts().orElse(Integer.MAX_VALUE), config.initialBackoff(),
                        config.maxBackoff());
    }

    /** At most one of value, environment variable name and file; the value itself never goes into a message. */
    private static Optional<String> secret(String key, Optional<String> value, Optional<String> envName,
            Optional<String> file, UnaryOperator<String> environment, List<String> problems) {
        long given = (value.isPresent() ? 1 : 0) + (envName.isPresent() ? 1 : 0) + (file.isPresent() ? 1 : 0);
        if (given > 1) {
            problems.add(key + ": set only one of " + key + ", " + key + "-env" + (file.isPresent() ? ", " + key + "-file" : ""));
            return Optional.empty();
        }
        if (envName.isPresent()) {
            String fromEnv = environment.apply(envName.get());
            if (fromEnv == null || fromEnv.isEmpty()) {
                problems.add(key + "-env: environment variable " + envName.get() + " is not set");
                return Optional.empty();
            }
            return Optional.of(fromEnv);
        }
        if (file.isPresent()) {
            try {
                String fromFile = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
                if (fromFile.isEmpty()) {
                    problems.add(key + "-file: " + file.get() + " is empty");
                    return Optional.empty();
                }
                return Optional.of(fromFile);
            } catch (IOException e) {
                problems.add(key + "-file: cannot read " + file.get() + " (" + e.getClass().getSimpleName() + ")");
                return Optional.empty();
            }
        }
        return value.filter(v -> !v.isEmpty());
    }

    private static void checkAddress(String key, String address, List<String> problems) {
        try {
            new jakarta.mail.internet.InternetAddress(address, true);
        } catch (jakarta.mail.internet.AddressException e) {
            problems.add(key + ": '" + address + "' is not an e-mail address");
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return (host.matches("[0-9.]+") || host.contains(":")) && InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
