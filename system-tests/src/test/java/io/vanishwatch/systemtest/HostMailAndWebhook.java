package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.Topics;
import io.vanishwatch.local.mail.DovecotServer;
import io.vanishwatch.local.office.DeviceAction;
import io.vanishwatch.local.office.OfficeMailSource.Kind;
import io.vanishwatch.local.office.SimulatedOffice;
import io.vanishwatch.local.webhook.WebhookReceiver;

/**
 * What the containerised services watch and tell, on the host's loopback: a real Dovecot with the account
 * {@value #OFFICE} and a webhook receiver; and the configuration directory the containers mount (the one file and
 * the secrets, as an operator writes them), and the motivating case driven through them.
 */
final class HostMailAndWebhook implements AutoCloseable {

    static final String OFFICE = "office";
    /** Where the containers find the secrets directory ({@code docker-compose.yml} mounts it there). */
    static final String SECRETS_IN_CONTAINER = "/run/secrets/vanishwatch";

    final Path dir;
    final DovecotServer dovecot;
    final WebhookReceiver webhook;

    private HostMailAndWebhook(Path dir, DovecotServer dovecot, WebhookReceiver webhook) {
        this.dir = dir;
        this.dovecot = dovecot;
        this.webhook = webhook;
    }

    static HostMailAndWebhook start() {
        try {
            Path dir = Files.createTempDirectory("vanishwatch-containers-");
            DovecotServer dovecot = DovecotServer.start(dir.resolve("dovecot"),
                    Map.of(OFFICE, VanishwatchOnDovecot.PASSWORD));
            HostMailAndWebhook servers = new HostMailAndWebhook(dir, dovecot, WebhookReceiver.start());
            servers.writeConfiguration();
            return servers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one configuration file the services read. */
    Path configFile() {
        return dir.resolve("config/vanishwatch.properties");
    }

    /** The directory of secrets, mounted read-only at {@link #SECRETS_IN_CONTAINER}. */
    Path secretsDir() {
        return dir.resolve("config/secrets");
    }

    /**
     * The account's password and the API tokens as files (the containers run as an unprivileged user: readable by
     * all, as a secret mounted by the engine is), everything else in the one file.
     */
    private void writeConfiguration() throws IOException {
        Files.createDirectories(secretsDir());
        for (Path path : List.of(dir, dir.resolve("config"), secretsDir())) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(secretsDir().resolve("office.password"), VanishwatchOnDovecot.PASSWORD + "\n");
        Files.writeString(secretsDir().resolve("api-tokens.properties"),
                "vanishwatch.analyzer.api.token=analyzer-test-token\nvanishwatch.notifier.api.token=notifier-test-token\n");
        String account = "vanishwatch.collector.accounts." + OFFICE + ".";
        StringBuilder config = new StringBuilder()
                .append(account).append("host=").append(dovecot.host()).append('\n')
                .append(account).append("port=").append(dovecot.port()).append('\n')
                .append(account).append("security=PLAIN\n")
                .append(account).append("username=").append(OFFICE).append('\n')
                .append(account).append("password-file=").append(SECRETS_IN_CONTAINER).append("/office.password\n")
                .append("vanishwatch.notifier.webhook.url=").append(webhook.url()).append('\n');
        VanishwatchOnDovecot.ANALYZER_SETTINGS.forEach((key, value) -> config.append(key).append('=').append(value).append('\n'));
        Files.writeString(configFile(), config);
    }

    /**
     * The motivating case through whatever runs the services: a Mac's junk filter takes new, unread invoices off the
     * server; the webhook receiver must get a FIRING {@code CLIENT_MOVES_TO_LOCAL} alert naming exactly those.
     *
     * @return how long from the last removal on the server to the webhook's delivery
     */
    Duration proveTheMotivatingCase(String bootstrapServers) {
        try (SimulatedOffice office = SimulatedOffice.builder(dovecot.account(OFFICE), OFFICE + "@mail.example",
                dovecot.mailDrop(OFFICE)).build();
             TopicReader<MailboxEvent> events = new TopicReader<>(bootstrapServers, Topics.MAILBOX_EVENTS, OFFICE)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> events.poll().stream()
                    .filter(event -> event.type() == MailboxEvent.Type.FOLDER_RESYNCED)
                    .map(MailboxEvent::folderRole).collect(Collectors.toSet()),
                    roles -> roles.containsAll(Set.of(FolderRole.INBOX, FolderRole.JUNK)));

            List<String> invoices = office.deliver(Kind.SUPPLIER_INVOICE, 3);
            await().atMost(Duration.ofSeconds(60)).until(() -> events.poll().stream()
                    .filter(event -> event.type() == MailboxEvent.Type.ARRIVED)
                    .map(MailboxEvent::messageId).collect(Collectors.toSet()), seen -> seen.containsAll(invoices));

            List<DeviceAction> actions = office.runDevicesOnce();
            assertThat(actions).filteredOn(a -> a.kind() == DeviceAction.Kind.TAKEN_OFF_SERVER)
                    .extracting(DeviceAction::messageId).containsExactlyInAnyOrderElementsOf(invoices);
            Instant lastRemoval = actions.stream().map(DeviceAction::at).max(Instant::compareTo).orElseThrow();

            WebhookReceiver.Delivery post = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(this::motivatingAlert, Optional::isPresent).orElseThrow();
            Alert alert = Sightings.alertIn(post);
            assertThat(alert.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(alert.evidence()).extracting(Disappearance::messageId).containsExactlyInAnyOrderElementsOf(invoices);
            assertThat(alert.evidence()).allSatisfy(gone -> {
                assertThat(gone.destination()).isEqualTo(Disappearance.Destination.GONE);
                assertThat(gone.readBeforeRemoval()).isFalse();
            });
            return Duration.between(lastRemoval, post.receivedAt());
        }
    }

    private Optional<WebhookReceiver.Delivery> motivatingAlert() {
        return webhook.deliveries().stream()
                .filter(post -> {
                    Alert alert = Sightings.alertIn(post);
                    return alert.account().equals(OFFICE) && alert.pattern() == Alert.Pattern.CLIENT_MOVES_TO_LOCAL;
                })
                .findFirst();
    }

    @Override
    public void close() {
        webhook.close();
        dovecot.close();
    }
}
