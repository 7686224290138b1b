package io.vanishwatch.notifier;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vanishwatch.events.Notification;
import io.vanishwatch.events.Topics;
import io.vanishwatch.notifier.config.NotifierConfig;
import io.vanishwatch.notifier.config.NotifierSettings;
import io.vanishwatch.notifier.config.RoutingSettings;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.email.EmailChannel;
import io.vanishwatch.notifier.delivery.email.EmailSettings;
import io.vanishwatch.notifier.delivery.mattermost.MattermostMessage;
import io.vanishwatch.notifier.delivery.slack.SlackMessage;
import io.vanishwatch.notifier.delivery.teams.TeamsMessage;
import io.vanishwatch.notifier.delivery.webhook.WebhookChannel;
import io.vanishwatch.notifier.dispatch.DeliveryListener;
import io.vanishwatch.notifier.dispatch.NotifierTopology;
import io.vanishwatch.notifier.routing.Receiver;
import io.vanishwatch.notifier.silence.SilenceBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;

/**
 * The notifier service: checks its configuration, makes the channels and receivers, and hands Quarkus the
 * {@link NotifierTopology} to run exactly-once (the {@code quarkus.kafka-streams.*} keys).
 */
@ApplicationScoped
public class Notifier implements DeliveryListener {

    private static final Logger LOG = Logger.getLogger(Notifier.class);
    /** How often groups are looked at and due deliveries tried; a tick sends at most one notification. */
    static final Duration TICK = Duration.ofMillis(100);
    /** How often alerts held back by a silence or an inhibiting alert are looked at again. */
    static final Duration MUTE_CHECK = Duration.ofSeconds(1);
    /** The longest a tick starts new delivery attempts for; the rest wait for the next tick. */
    static final Duration ATTEMPT_BUDGET = Duration.ofSeconds(5);
    /** How long the start waits for the silences topic to be read. */
    static final Duration SILENCES_WAIT = Duration.ofSeconds(60);

    @Inject
    NotifierConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    SilenceBook silences;

    private final AtomicInteger pending = new AtomicInteger();

    /** Not client-proxied: Kafka Streams reads the topology's fields, not only its methods. */
    @Produces
    @Singleton
    Topology topology() {
        NotifierSettings settings = NotifierSettings.from(config, System::getenv);
        settings.warnings().forEach(warning -> LOG.warn(warning));
        Clock clock = Clock.systemUTC();
        Map<String, Channel> shared = channels(settings, clock);
        if (shared.isEmpty()) {
            LOG.warn("NO NOTIFICATION CHANNEL CONFIGURED: alerts are only logged, nobody is told. Set "
                    + NotifierConfig.PREFIX + ".email.host/.from/.to, or a .webhook.url, .slack.url, .teams.url"
                    + " or .mattermost.url");
        }
        RoutingSettings routing = RoutingSettings.from(config, settings);
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        routing.receivers().forEach((name, plan) -> {
            Map<String, Channel> own = settings.receiverHooks().containsKey(name)
                    ? hookChannels(settings.receiverHooks().get(name), clock) : Map.of();
            List<Channel> channels = new ArrayList<>();
            for (String channel : plan.channels()) {
                if (channel.equals("email") && plan.emailTo().isPresent()) {
                    channels.add(email(settings.email().orElseThrow(), plan.emailTo().get(), clock));
                } else {
                    channels.add(own.getOrDefault(channel, shared.get(channel)));
                }
            }
            receivers.put(name, new Receiver(name, channels, plan.presentation(), plan.sendResolved()));
            LOG.infof("receiver %s: %s, in %s, times in %s%s", name, plan.channels(), plan.presentation().language(),
                    plan.presentation().timeZone(), plan.sendResolved() ? "" : ", not told of RESOLVED");
        });
        routing.routes().routes().forEach(route -> LOG.infof("route %s: %s → %s, grouped by %s%s", route.name(),
                route.match(), route.receiver(), route.grouping().groupBy(), route.continueMatching()
                        ? ", continue" : ""));
        shared.keySet().forEach(channel -> {
            sent(channel);
            failed(channel);
        });
        Gauge.builder("vanishwatch.notifier.deliveries.pending", pending, AtomicInteger::get)
                .description("notifications waiting for a channel to take them, on this instance")
                .register(metrics);
        awaitSilences();
        return NotifierTopology.build(routing.routes(), receivers, routing.customers(), (labels, now) -> silences
                        .mutes(labels, now).map(silence -> "silence " + silence.id() + " (" + silence.createdBy() + ": "
                                + silence.comment() + ")"),
                new NotifierTopology.Settings(settings.delivery(), TICK, MUTE_CHECK, ATTEMPT_BUDGET), this);
    }

    /**
     * Alerts are routed only once the silences set before this start are known, so a silence survives a restart;
     * a broker that cannot serve them within the wait is logged, and silences apply as they are read.
     */
    private void awaitSilences() {
        try {
            if (!silences.start().awaitCaughtUp(SILENCES_WAIT)) {
                LOG.errorf("the silences (%s) could not be read within %s: alerts are routed meanwhile, and a"
                        + " silence applies once it is read", Topics.SILENCES.name(), SILENCES_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void recorded(Notification notification) {
        (notification.outcome() == Notification.Outcome.SENT ? sent(notification.channel())
                : failed(notification.channel())).increment();
    }

    /** Notifications waiting for a channel on this instance, as of the last tick. */
    public int pendingDeliveries() {
        return pending.get();
    }

    @Override
    public void pending(int deliveries) {
        pending.set(deliveries);
    }

    private static Map<String, Channel> channels(NotifierSettings settings, Clock clock) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        settings.email().ifPresent(email -> {
            channels.put("email", new EmailChannel(email, clock));
            LOG.infof("e-mail channel: %s", email);
        });
        channels.putAll(hookChannels(settings.hooks(), clock));
        return channels;
    }

    /** The webhook and chat channels of {@code hooks}, by channel name. */
    private static Map<String, Channel> hookChannels(NotifierSettings.Hooks hooks, Clock clock) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        hooks.webhook().ifPresent(webhook -> {
            channels.put("webhook", new WebhookChannel(webhook, clock));
            LOG.infof("webhook channel: %s", webhook);
        });
        hooks.slack().ifPresent(slack -> {
            channels.put("slack", SlackMessage.channel(slack, clock));
            LOG.infof("slack channel: %s", slack);
        });
        hooks.teams().ifPresent(teams -> {
            channels.put("teams", TeamsMessage.channel(teams, clock));
            LOG.infof("teams channel: %s", teams);
        });
        hooks.mattermost().ifPresent(mattermost -> {
            channels.put("mattermost", MattermostMessage.channel(mattermost, clock));
            LOG.infof("mattermost channel: %s", mattermost.target());
        });
        return channels;
    }

    private static Channel email(EmailSettings email, List<String> to, Clock clock) {
        return new EmailChannel(new EmailSettings(email.host(), email.port(), email.security(),
                email.verifyCertificates(), email.username(), email.password(), email.from(), to, email.timeout()),
                clock);
    }

    private Counter sent(String channel) {
        return Counter.builder("vanishwatch.notifier.notifications.sent")
                .description("notifications delivered, per channel")
                .tag("channel", channel).register(metrics);
    }

    private Counter failed(String channel) {
        return Counter.builder("vanishwatch.notifier.notifications.failed")
                .description("notifications given up on as undeliverable, per channel")
                .tag("channel", channel).register(metrics);
    }
}
