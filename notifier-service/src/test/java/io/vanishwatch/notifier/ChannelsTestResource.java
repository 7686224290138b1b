package io.vanishwatch.notifier;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) and a real webhook receiver on loopback for the notifier under test, configured as
 * its two channels with short retry backoffs.
 */
public class ChannelsTestResource implements QuarkusTestResourceLifecycleManager {

    static volatile GreenMail smtp;
    static volatile WebhookWitness webhook;

    @Override
    public Map<String, String> start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        webhook = new WebhookWitness();
        return Map.of(
                "vanishwatch.notifier.email.host", "127.0.0.1",
                "vanishwatch.notifier.email.port", String.valueOf(smtp.getSmtp().getPort()),
                "vanishwatch.notifier.email.security", "PLAIN",
                "vanishwatch.notifier.email.from", "vanishwatch@demo.example",
                "vanishwatch.notifier.email.to", "support@demo.example",
                "vanishwatch.notifier.webhook.url", webhook.url(),
                "vanishwatch.notifier.webhook.bearer-token", "test-token",
                "vanishwatch.notifier.retry.initial-backoff", "100ms",
                "vanishwatch.notifier.retry.max-backoff", "1s",
                "vanishwatch.notifier.api.token", NotifierTest.API_TOKEN);
    }

    @Override
    public void stop() {
        if (webhook != null) {
            webhook.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }
}
