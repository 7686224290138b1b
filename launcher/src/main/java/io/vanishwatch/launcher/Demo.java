package io.vanishwatch.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.JsonSerde;
import io.vanishwatch.kafka.embedded.EmbeddedKafka;
import io.vanishwatch.launcher.services.VanishwatchServices;
import io.vanishwatch.local.mail.DemoMailServer;
import io.vanishwatch.local.office.SimulatedOffice;
import io.vanishwatch.local.webhook.WebhookReceiver;

/**
 * The motivating case played out on embedded defaults: a broker, a demo mail server, the three services and an
 * office of five devices, one of them a Mac whose junk filter takes new invoices off the server.
 */
public final class Demo implements AutoCloseable {

    public static final String ACCOUNT = "office";
    public static final String OFFICE_ADDRESS = "office@demo.example";
    public static final String SUPPORT_LOGIN = "support";
    public static final String SUPPORT_ADDRESS = "support@demo.example";

    /** How fast the office lives: how often mail arrives, the filters look and the people read. */
    public record Pace(Duration deliveryEvery, Duration filtersEvery, Duration readersEvery) {
        public static final Pace DEMO = new Pace(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    private final Stack stack = new Stack();
    private final PrintStream out;
    private DemoMailServer mail;
    private WebhookReceiver webhook;
    private SimulatedOffice office;
    private AlertConsole console;
    private final AtomicBoolean mailboxHintGiven = new AtomicBoolean();

    private Demo(PrintStream out) {
        this.out = out;
    }

    /**
     * Starts everything and lets the office run.
     *
     * @param home      a checkout of Vanishwatch with the services packaged
     * @param overrides service settings on top of the demo's (tests use shorter windows)
     */
    public static Demo start(Path home, Pace pace, Map<String, String> overrides, PrintStream out) {
        Demo demo = new Demo(out);
        try {
            demo.startAll(home, pace, overrides);
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void startAll(Path home, Pace pace, Map<String, String> overrides) {
        Path runDir = createRunDir();
        out.println("Vanishwatch demo — everything runs on this machine, on loopback. Ctrl-C stops it.");
        EmbeddedKafka kafka = stack.add(EmbeddedKafka.start(runDir.resolve("kafka")).createVanishwatchTopics());
        out.println("  Kafka (embedded KRaft broker)  " + kafka.bootstrapServers());

        mail = stack.add(DemoMailServer.start());
        String officePassword = "office-demo-password";
        mail.addUser(ACCOUNT, officePassword, OFFICE_ADDRESS);
        mail.addUser(SUPPORT_LOGIN, "support-demo-password", SUPPORT_ADDRESS);
        out.println("  demo mail server (GreenMail)   IMAP 127.0.0.1:" + mail.imapPort() + ", SMTP 127.0.0.1:" + mail.smtpPort()
                + ", accounts " + OFFICE_ADDRESS + " (watched) and " + SUPPORT_ADDRESS + " (support staff)");

        webhook = stack.add(WebhookReceiver.start(this::printWebhook));
        out.println("  chat webhook receiver          " + webhook.url());

        Path config = writeConfig(runDir, officePassword);
        out.println("  starting collector, analyzer and notifier (logs in " + runDir.resolve("logs") + ") ...");
        VanishwatchServices services = stack.add(VanishwatchServices.start(home, config, kafka.bootstrapServers(), runDir, overrides));
        services.all().forEach(service -> out.println("    " + service.service().module() + " http://127.0.0.1:"
                + service.httpPort() + "/q/health"));

        console = stack.add(new AlertConsole(kafka.bootstrapServers(), out, this::onAlert).start());

        office = stack.add(SimulatedOffice.builder(mail.account(ACCOUNT), OFFICE_ADDRESS, mail.mailDrop()).build());
        office.start(pace.deliveryEvery(), pace.filtersEvery(), pace.readersEvery());
        out.println("The office is at work: five devices read " + OFFICE_ADDRESS + "; the 'Mac (front desk)' junk filter"
                + " takes new supplier invoices off the server before anyone reads them. Watch for the alert...");
    }

    public DemoMailServer mailServer() {
        return mail;
    }

    public WebhookReceiver webhook() {
        return webhook;
    }

    public SimulatedOffice office() {
        return office;
    }

    private Path writeConfig(Path runDir, String officePassword) {
        try {
            Path passwordFile = runDir.resolve("office.password");
            Files.writeString(passwordFile, officePassword);
            String config = String.join("\n",
                    "# Written by the demo: the account it watches and where alerts go.",
                    "vanishwatch.collector.accounts." + ACCOUNT + ".host=127.0.0.1",
                    "vanishwatch.collector.accounts." + ACCOUNT + ".port=" + mail.imapPort(),
                    "# the demo mail server speaks plaintext on loopback; real accounts use TLS (the default)",
                    "vanishwatch.collector.accounts." + ACCOUNT + ".security=PLAIN",
                    "vanishwatch.collector.accounts." + ACCOUNT + ".username=" + ACCOUNT,
                    "vanishwatch.collector.accounts." + ACCOUNT + ".password-file=" + passwordFile,
                    "vanishwatch.notifier.email.host=127.0.0.1",
                    "vanishwatch.notifier.email.port=" + mail.smtpPort(),
                    "vanishwatch.notifier.email.security=PLAIN",
                    "vanishwatch.notifier.email.from=vanishwatch@demo.example",
                    "vanishwatch.notifier.email.to=" + SUPPORT_ADDRESS,
                    "vanishwatch.notifier.webhook.url=" + webhook.url(),
                    "");
            Path file = runDir.resolve("demo.properties");
            Files.writeString(file, config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo configuration", e);
        }
    }

    private void onAlert(Alert alert) {
        if (alert.status() == Alert.Status.FIRING && mailboxHintGiven.compareAndSet(false, true)) {
            Thread hint = new Thread(this::pointToTheEmail, "support-mailbox-hint");
            hint.setDaemon(true);
            hint.start();
        }
    }

    private void pointToTheEmail() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && mail.inboxOf(SUPPORT_LOGIN).isEmpty()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
        if (!mail.inboxOf(SUPPORT_LOGIN).isEmpty()) {
            out.println("\nThe alert e-mail is in the support mailbox (" + SUPPORT_ADDRESS + "). Read it with:\n  "
                    + mail.readCommand(SUPPORT_LOGIN) + "\n");
        }
    }

    private void printWebhook(WebhookReceiver.Delivery delivery) {
        String text;
        try {
            JsonNode body = JsonSerde.MAPPER.readTree(delivery.body());
            text = body.path("text").asText(delivery.body());
        } catch (IOException e) {
            text = delivery.body();
        }
        out.println("\n[chat webhook received] " + text + "\n");
    }

    private static Path createRunDir() {
        try {
            return Files.createTempDirectory("vanishwatch-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the demo run", e);
        }
    }

    /** Stops the office, then the services, then the mail server and the broker. */
    @Override
    public void close() {
        stack.close();
    }
}
