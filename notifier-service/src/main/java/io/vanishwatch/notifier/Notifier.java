package io.vanishwatch.notifier;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vanishwatch.events.Notification;
import io.vanishwatch.events.Topics;
import io.vanishwatch.notifier.config.NotifierConfig;
import io.vanishwatch.notifier.config.NotifierSettings;
import io.vanishwatch.notifier.content.AlertText;
import io.vanishwatch.notifier.delivery.Channel;
import io.vanishwatch.notifier.delivery.RetryingDelivery;
import io.vanishwatch.notifier.delivery.Sleeper;
import io.vanishwatch.notifier.delivery.email.AlertEmail;
import io.vanishwatch.notifier.delivery.email.EmailChannel;
import io.vanishwatch.notifier.delivery.mattermost.MattermostMessage;
import io.vanishwatch.notifier.delivery.slack.SlackMessage;
import io.vanishwatch.notifier.delivery.teams.TeamsMessage;
import io.vanishwatch.notifier.delivery.webhook.WebhookChannel;
import io.vanishwatch.notifier.intake.AlertConsumerLoop;
import io.vanishwatch.notifier.intake.ConsumerState;
import io.vanishwatch.notifier.log.KafkaNotificationWriter;
import io.vanishwatch.notifier.log.NotificationLog;
import io.vanishwatch.notifier.log.NotificationLogRestore;
import io.vanishwatch.notifier.pipeline.NotificationPipeline;
import io.vanishwatch.notifier.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * The notifier service: checks its configuration at start, builds route → dedup → deliver → record, and runs the
 * alert consumer on its own thread until shutdown.
 */
@ApplicationScoped
public class Notifier {

    /** The consumer group of every notifier instance: instances share the alert partitions. */
    public static final String GROUP_ID = "vanishwatch-notifier";

    private static final Logger LOG = Logger.getLogger(Notifier.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    @Inject
    NotifierConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile AlertConsumerLoop loop;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        NotifierSettings settings = NotifierSettings.from(config, System::getenv);
        settings.warnings().forEach(warning -> LOG.warn(warning));
        Clock clock = Clock.systemUTC();
        AlertText text = new AlertText(settings.timeZone());
        List<Channel> channels = new ArrayList<>();
        settings.email().ifPresent(email -> {
            channels.add(new EmailChannel(email, new AlertEmail(text), clock));
            LOG.infof("e-mail channel: %s", email);
        });
        settings.webhook().ifPresent(webhook -> {
            channels.add(new WebhookChannel(webhook, text, clock));
            LOG.infof("webhook channel: %s", webhook);
        });
        settings.slack().ifPresent(slack -> {
            channels.add(SlackMessage.channel(slack, text, clock));
            LOG.infof("slack channel: %s", slack);
        });
        settings.teams().ifPresent(teams -> {
            channels.add(TeamsMessage.channel(teams, text, clock));
            LOG.infof("teams channel: %s", teams);
        });
        settings.mattermost().ifPresent(mattermost -> {
            channels.add(MattermostMessage.channel(mattermost, text, clock));
            LOG.infof("mattermost channel: %s", mattermost.target());
        });
        if (channels.isEmpty()) {
            LOG.warn("NO NOTIFICATION CHANNEL CONFIGURED: alerts are only logged, nobody is told. Set "
                    + NotifierConfig.PREFIX + ".email.host/.from/.to, or a .webhook.url, .slack.url, .teams.url"
                    + " or .mattermost.url");
        }
        NotificationLog log = new NotificationLog(new KafkaNotificationWriter(
                new KafkaProducer<>(producerConfig("vanishwatch-notifier-log"),
                        Topics.NOTIFICATIONS.keySerde().serializer(), Topics.NOTIFICATIONS.valueSerde().serializer())));
        NotificationPipeline pipeline = new NotificationPipeline(new Router(channels), log,
                new RetryingDelivery(settings.retry(), Sleeper.THREAD), text, clock, this::count);
        loop = new AlertConsumerLoop(
                new KafkaConsumer<>(alertConsumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producerConfig("vanishwatch-notifier-dlq"), new ByteArraySerializer(),
                        new ByteArraySerializer()),
                new NotificationLogRestore(new KafkaConsumer<>(logConsumerConfig(), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()), log, Duration.ofMinutes(1)),
                pipeline, Sleeper.THREAD, Duration.ofSeconds(5));
        channels.forEach(channel -> {
            sent(channel.name());
            failed(channel.name());
        });
        thread = new Thread(loop, "alert-consumer");
        thread.start();
        LOG.infof("notifier consuming %s as group %s; channels: %s", Topics.ALERTS.name(), GROUP_ID,
                channels.stream().map(Channel::name).toList());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop == null) {
            return;
        }
        loop.stop();
        thread.join(STOP_GRACE.toMillis());
        if (thread.isAlive()) {
            LOG.warnf("alert consumer still delivering after %s; interrupting it", STOP_GRACE);
            thread.interrupt();
            thread.join(STOP_GRACE.toMillis());
        }
    }

    /** The consumer's state, or null before start. */
    public ConsumerState state() {
        AlertConsumerLoop current = loop;
        return current == null ? null : current.state();
    }

    private void count(Notification notification) {
        (notification.outcome() == Notification.Outcome.SENT ? sent(notification.channel())
                : failed(notification.channel())).increment();
    }

    private Counter sent(String channel) {
        return Counter.builder("vanishwatch.notifier.notifications.sent")
                .description("notifications delivered, per channel")
                .tag("channel", channel).register(metrics);
    }

    private Counter failed(String channel) {
        return Counter.builder("vanishwatch.notifier.notifications.failed")
                .description("notifications given up on after retries or a permanent error, per channel")
                .tag("channel", channel).register(metrics);
    }

    private Map<String, Object> alertConsumerConfig() {
        Map<String, Object> props = base();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // an alert raised before the notifier's first start must still be delivered
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "vanishwatch-notifier-alerts");
        return props;
    }

    private Map<String, Object> logConsumerConfig() {
        Map<String, Object> props = base();
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "vanishwatch-notifier-log-restore");
        return props;
    }

    private Map<String, Object> producerConfig(String clientId) {
        Map<String, Object> props = base();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /** The standard {@code kafka.*} keys (bootstrap servers, security) as Quarkus hands them over. */
    private Map<String, Object> base() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.putIfAbsent(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        return props;
    }
}
