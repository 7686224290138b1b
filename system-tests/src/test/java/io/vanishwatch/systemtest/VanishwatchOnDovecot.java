package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import io.vanishwatch.kafka.embedded.EmbeddedKafka;
import io.vanishwatch.launcher.services.VanishwatchServices;
import io.vanishwatch.local.mail.DemoMailServer;
import io.vanishwatch.local.mail.DovecotServer;
import io.vanishwatch.local.webhook.WebhookReceiver;

/**
 * The whole system as support staff would run it: a real broker, a real Dovecot with the watched accounts, the
 * three packaged services, a real SMTP server with the support mailbox and a real webhook receiver.
 */
final class VanishwatchOnDovecot implements AutoCloseable {

    static final String PASSWORD = "dovecot-test-password";
    /** The collector's password-file of every account, under {@link #runDir}. */
    static final String PASSWORD_FILE = "imap.password";
    static final String SUPPORT = "support";
    static final String SUPPORT_ADDRESS = "support@support.example";

    /** Thresholds short enough for a test: "a while later" is seconds, not minutes. */
    static final Map<String, String> ANALYZER_SETTINGS = Map.of(
            "vanishwatch.analyzer.correlation-window", "5s",
            "vanishwatch.analyzer.client-filter.max-dwell", "6s",
            "vanishwatch.analyzer.junk-move.max-dwell", "6s");

    final Path runDir;
    final EmbeddedKafka kafka;
    final DovecotServer dovecot;
    final DemoMailServer smtp;
    final WebhookReceiver webhook;
    final VanishwatchServices services;

    private VanishwatchOnDovecot(Path runDir, EmbeddedKafka kafka, DovecotServer dovecot, DemoMailServer smtp,
                                 WebhookReceiver webhook, VanishwatchServices services) {
        this.runDir = runDir;
        this.kafka = kafka;
        this.dovecot = dovecot;
        this.smtp = smtp;
        this.webhook = webhook;
        this.services = services;
    }

    /** Starts everything with one collector watching each of {@code accounts} (Dovecot user = account id). */
    static VanishwatchOnDovecot start(String... accounts) {
        return start(ANALYZER_SETTINGS, accounts);
    }

    /** The same with these service settings instead of the tests' short thresholds ({@code Map.of()}: defaults). */
    static VanishwatchOnDovecot start(Map<String, String> settings, String... accounts) {
        return start(settings, dovecot -> { }, accounts);
    }

    /**
     * The same, with the accounts' mail as it was before anyone watched: {@code mailBefore} fills the mailboxes
     * once Dovecot runs and before the services start.
     */
    static VanishwatchOnDovecot start(Map<String, String> settings, Consumer<DovecotServer> mailBefore,
                                      String... accounts) {
        return start(settings, mailBefore, false, accounts);
    }

    /**
     * The same, and with {@code followServerLog} the collector also follows Dovecot's own log (mail_log, logins, IMAP
     * ID), so the analyzer can name the device behind each removal.
     */
    static VanishwatchOnDovecot start(Map<String, String> settings, Consumer<DovecotServer> mailBefore,
                                      boolean followServerLog, String... accounts) {
        assumeThat(DovecotServer.isInstalled()).as(DovecotServer.notInstalledMessage()).isTrue();
        Path runDir = tempDir();
        EmbeddedKafka kafka = EmbeddedKafka.start(runDir.resolve("kafka")).createVanishwatchTopics();
        DovecotServer dovecot = null;
        DemoMailServer smtp = null;
        WebhookReceiver webhook = null;
        try {
            Map<String, String> users = new java.util.HashMap<>();
            for (String account : accounts) {
                users.put(account, PASSWORD);
            }
            dovecot = DovecotServer.start(runDir.resolve("dovecot"), users);
            mailBefore.accept(dovecot);
            smtp = DemoMailServer.start().addUser(SUPPORT, "support-password", SUPPORT_ADDRESS);
            webhook = WebhookReceiver.start();
            Path config = writeConfig(runDir, dovecot, smtp, webhook, followServerLog, accounts);
            VanishwatchServices services = VanishwatchServices.start(home(), config, kafka.bootstrapServers(), runDir,
                    settings);
            return new VanishwatchOnDovecot(runDir, kafka, dovecot, smtp, webhook, services);
        } catch (RuntimeException e) {
            closeQuietly(webhook, smtp, dovecot, kafka);
            throw e;
        }
    }

    /** The collector's keys for the Dovecot user {@code account} (plain IMAP on loopback, password from the file). */
    static void appendAccount(StringBuilder config, DovecotServer dovecot, String account, Path passwordFile) {
        String prefix = "vanishwatch.collector.accounts." + account + ".";
        config.append(prefix).append("host=").append(dovecot.host()).append('\n')
                .append(prefix).append("port=").append(dovecot.port()).append('\n')
                .append(prefix).append("security=PLAIN\n")
                .append(prefix).append("username=").append(account).append('\n')
                .append(prefix).append("password-file=").append(passwordFile).append('\n');
    }

    private static Path writeConfig(Path runDir, DovecotServer dovecot, DemoMailServer smtp, WebhookReceiver webhook,
                                    boolean followServerLog, String... accounts) {
        StringBuilder config = new StringBuilder();
        try {
            Path passwordFile = runDir.resolve(PASSWORD_FILE);
            Files.writeString(passwordFile, PASSWORD + "\n");
            for (String account : accounts) {
                appendAccount(config, dovecot, account, passwordFile);
            }
            if (followServerLog) {
                config.append("vanishwatch.collector.server-log.path=").append(dovecot.logFile()).append('\n');
            }
            config.append("vanishwatch.notifier.email.host=127.0.0.1\n")
                    .append("vanishwatch.notifier.email.port=").append(smtp.smtpPort()).append('\n')
                    .append("vanishwatch.notifier.email.security=PLAIN\n")
                    .append("vanishwatch.notifier.email.from=vanishwatch@support.example\n")
                    .append("vanishwatch.notifier.email.to=").append(SUPPORT_ADDRESS).append('\n')
                    .append("vanishwatch.notifier.webhook.url=").append(webhook.url()).append('\n');
            Path file = runDir.resolve("vanishwatch.properties");
            Files.writeString(file, config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout whose packaged services the tests run (set by the build; the working directory otherwise). */
    static Path home() {
        return Path.of(System.getProperty("vanishwatch.home", "..")).toAbsolutePath().normalize();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("vanishwatch-system-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("while stopping " + part + ": " + e);
                }
            }
        }
    }

    /** Services first (the collector before what it feeds), then the servers, the broker last. */
    @Override
    public void close() {
        closeQuietly(services, webhook, smtp, dovecot, kafka);
    }
}
