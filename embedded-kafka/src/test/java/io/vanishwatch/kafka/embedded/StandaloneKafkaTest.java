package io.vanishwatch.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.vanishwatch.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class StandaloneKafkaTest {

    @Test
    void aBrokerInItsOwnJvmAnnouncesItselfServesTopicsAndStopsWhenItsParentLetsGo() throws Exception {
        Process broker = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), StandaloneKafka.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith(StandaloneKafka.READY));
            assertThat(line).as("the READY line").isNotNull();
            String bootstrap = line.substring(StandaloneKafka.READY.length());

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(topics).contains(Topics.MAILBOX_EVENTS.name(), Topics.NOTIFICATIONS.name());
            }

            broker.getOutputStream().close();
            assertThat(broker.waitFor(60, TimeUnit.SECONDS)).as("the broker exits once its stdin closes").isTrue();
        } finally {
            broker.destroyForcibly();
        }
    }
}
