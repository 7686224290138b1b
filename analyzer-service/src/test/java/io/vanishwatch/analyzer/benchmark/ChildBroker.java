package io.vanishwatch.analyzer.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import io.vanishwatch.kafka.embedded.StandaloneKafka;

/**
 * The embedded broker in a JVM of its own (embedded-kafka's {@link StandaloneKafka}), so that the heap measured in the
 * benchmark's JVM is the analyzer's; it stops when this JVM lets go of its standard input.
 */
final class ChildBroker implements AutoCloseable {

    private final Process process;
    private final String bootstrapServers;

    private ChildBroker(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static ChildBroker start() {
        try {
            Path log = Files.createTempFile("vanishwatch-bench-broker-", ".log");
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                    "-cp", System.getProperty("java.class.path"), StandaloneKafka.class.getName())
                    .redirectError(log.toFile())
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith(StandaloneKafka.READY));
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("the broker exited before it was ready; see " + log);
            }
            // the broker logs to its standard output: a pipe nobody reads fills up and stalls the broker
            Thread drain = new Thread(() -> {
                try (Writer logFile = Files.newBufferedWriter(log, StandardOpenOption.APPEND)) {
                    out.transferTo(logFile);
                } catch (IOException e) {
                    // the broker is gone
                }
            }, "bench-broker-log");
            drain.setDaemon(true);
            drain.start();
            ChildBroker broker = new ChildBroker(process, line.substring(StandaloneKafka.READY.length()));
            broker.keepForever();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker", e);
        }
    }

    /**
     * The benchmark's events happen in March 2026: with the broker's default retention (7 days) it would delete them
     * while they are being read, and a consumer reset to the new log start then waits forever for the rest.
     */
    private void keepForever() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<ConfigResource, Collection<AlterConfigOp>> forever = new HashMap<>();
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                forever.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(forever).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot keep the topics' records", e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
