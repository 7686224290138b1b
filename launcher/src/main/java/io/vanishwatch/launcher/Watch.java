package io.vanishwatch.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import io.vanishwatch.kafka.embedded.EmbeddedKafka;
import io.vanishwatch.launcher.services.ServiceProcess;
import io.vanishwatch.launcher.services.VanishwatchServices;

/**
 * Watches real accounts: the three services with the user's configuration file, on the embedded broker (kept in
 * {@code vanishwatch-data/}, so nothing is lost across restarts) or on the broker the user names.
 */
final class Watch implements AutoCloseable {

    private final Stack stack = new Stack();

    static Watch start(Path home, Path configFile, Path dataDir, PrintStream out) {
        WatchConfiguration configuration = WatchConfiguration.read(configFile, System.getenv());
        Watch watch = new Watch();
        try {
            String bootstrap = externalBroker(configuration);
            if (bootstrap == null) {
                EmbeddedKafka kafka = watch.stack.add(EmbeddedKafka.start(dataDir.resolve("kafka")).createVanishwatchTopics());
                bootstrap = kafka.bootstrapServers();
                out.println("Kafka: embedded broker at " + bootstrap + ", data in " + dataDir.resolve("kafka")
                        + " (set KAFKA_BOOTSTRAP_SERVERS to use yours)");
            } else {
                out.println("Kafka: " + bootstrap);
            }
            out.println("Starting collector, analyzer and notifier with " + configFile + " (logs in " + dataDir.resolve("logs") + ") ...");
            VanishwatchServices services = watch.stack.add(VanishwatchServices.start(home,
                    configuration.asPropertiesFile(dataDir.resolve("config")), bootstrap, dataDir, Map.of()));
            services.all().forEach(service -> out.println("  " + service.service().module() + " http://127.0.0.1:"
                    + service.httpPort() + "/q/health"));
            services.all().stream().filter(service -> service.service() == ServiceProcess.Service.ANALYZER)
                    .forEach(analyzer -> out.println("  dashboard: http://127.0.0.1:" + analyzer.httpPort()
                            + "/dashboard/ and questions: http://127.0.0.1:" + analyzer.httpPort() + "/api ("
                            + (configuration.sets("vanishwatch.analyzer.api.token", "VANISHWATCH_ANALYZER_API_TOKEN",
                            System.getenv())
                            ? "bearer token as configured)"
                            : "refuses every request until VANISHWATCH_ANALYZER_API_TOKEN or"
                            + " vanishwatch.analyzer.api.token is set; see the README)")));
            watch.stack.add(new AlertConsole(bootstrap, out, alert -> { }).start());
            out.println("Watching. Alerts appear here and go where the configuration sends them. Ctrl-C stops.");
            return watch;
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
    }

    /** KAFKA_BOOTSTRAP_SERVERS, else {@code kafka.bootstrap.servers} in the file, else null for the embedded one. */
    private static String externalBroker(WatchConfiguration configuration) {
        String fromEnv = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return configuration.bootstrapServers();
    }

    @Override
    public void close() {
        stack.close();
    }
}
