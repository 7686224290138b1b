package io.vanishwatch.systemtest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vanishwatch.launcher.services.ServiceProcess;
import io.vanishwatch.local.mail.DovecotServer;
import org.apache.kafka.common.utils.Utils;

/**
 * Packaged collectors with {@code assignment=group} on one broker and one Dovecot, each in its own JVM, and what
 * their readiness says they watch: shared by the group test and the takeover benchmark.
 */
final class CollectorGroup {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final DovecotServer dovecot;
    private final Path runDir;
    private final Path passwordFile;

    CollectorGroup(String bootstrapServers, DovecotServer dovecot, Path runDir, String password) {
        this.bootstrapServers = bootstrapServers;
        this.dovecot = dovecot;
        this.runDir = runDir;
        this.passwordFile = runDir.resolve("imap.password");
        try {
            Files.writeString(passwordFile, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code perPartition} account names hashing to each of the partitions, as the accounts topic places them. */
    static List<String> accountsPerPartition(int partitions, int perPartition) {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (int n = 1; byPartition.values().stream().mapToInt(List::size).sum() < perPartition * partitions; n++) {
            String account = "office-" + n;
            int partition = Utils.toPositive(Utils.murmur2(account.getBytes(StandardCharsets.UTF_8))) % partitions;
            List<String> inPartition = byPartition.computeIfAbsent(partition, p -> new ArrayList<>());
            if (inPartition.size() < perPartition) {
                inPartition.add(account);
            }
        }
        return byPartition.values().stream().flatMap(List::stream).toList();
    }

    /** A configuration file {@code name} for collectors of {@code group} watching the accounts, and more keys. */
    Path writeConfig(String name, String group, List<String> accounts, Map<String, String> settings) {
        StringBuilder config = new StringBuilder()
                .append("vanishwatch.collector.assignment=group\n")
                .append("vanishwatch.collector.group.id=").append(group).append('\n');
        settings.forEach((key, value) -> config.append(key).append('=').append(value).append('\n'));
        for (String account : accounts) {
            VanishwatchOnDovecot.appendAccount(config, dovecot, account, passwordFile);
        }
        try {
            Path file = runDir.resolve(name + ".properties");
            Files.writeString(file, config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a collector named {@code instance} with the file and waits until it is live. */
    ServiceProcess start(String instance, Path config) {
        Map<String, String> settings = Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "vanishwatch.collector.group.instance-id", instance);
        return ServiceProcess.start(ServiceProcess.Service.COLLECTOR, VanishwatchOnDovecot.home(), config, settings,
                runDir.resolve("logs-" + instance)).awaitStarted(Duration.ofSeconds(90));
    }

    /** Waits until every account is connected on exactly one of the collectors, each with a share; returns them. */
    static Map<String, Set<String>> awaitSplit(Map<String, ServiceProcess> collectors, List<String> all,
                                               Duration atMost) {
        Map<String, Set<String>> shares = new TreeMap<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
            shares.clear();
            List<String> seen = new ArrayList<>();
            for (Map.Entry<String, ServiceProcess> collector : collectors.entrySet()) {
                Set<String> share = connected(collector.getValue()).keySet();
                shares.put(collector.getKey(), share);
                seen.addAll(share);
            }
            return seen.size() == all.size() && Set.copyOf(seen).equals(Set.copyOf(all))
                    && shares.values().stream().noneMatch(Set::isEmpty);
        });
        return shares;
    }

    /** The accounts the collector's readiness reports CONNECTED. */
    static Map<String, String> connected(ServiceProcess collector) {
        return readiness(collector).entrySet().stream().filter(e -> e.getValue().startsWith("CONNECTED"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** Every account of the collector's {@code imap-watches} readiness check, with its state and reason. */
    static Map<String, String> readiness(ServiceProcess collector) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + collector.httpPort() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> accounts = new TreeMap<>();
            for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
                if (check.path("name").asText().equals("imap-watches")) {
                    check.path("data").fields().forEachRemaining(field -> {
                        if (!field.getKey().equals("watches")) {
                            accounts.put(field.getKey(), field.getValue().asText());
                        }
                    });
                }
            }
            return accounts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
