package io.vanishwatch.launcher.services;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The three services started side by side against one broker with one configuration file, and stopped
 * producer-first (collector, analyzer, notifier) so that nothing is left half-processed.
 */
public final class VanishwatchServices implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final List<ServiceProcess> processes;
    private final Path home;
    private final Path configFile;
    private final Map<String, String> settings;
    private final Path logDir;

    private VanishwatchServices(List<ServiceProcess> processes, Path home, Path configFile,
                                Map<String, String> settings, Path logDir) {
        this.processes = new ArrayList<>(processes);
        this.home = home;
        this.configFile = configFile;
        this.settings = Map.copyOf(settings);
        this.logDir = logDir;
    }

    /**
     * Starts all three and waits until each answers its liveness check.
     *
     * @param home      a checkout of Vanishwatch with the services packaged
     * @param runDir    where logs and the analyzer's state go
     * @param overrides settings for every service on top of the file (e.g. thresholds in a test)
     */
    public static VanishwatchServices start(Path home, Path configFile, String bootstrapServers, Path runDir,
                                            Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("kafka.bootstrap.servers", bootstrapServers);
        settings.put("kafka-streams.state.dir", runDir.resolve("streams-state").toString());
        List<ServiceProcess> started = new ArrayList<>();
        for (ServiceProcess.Service service : ServiceProcess.Service.values()) {
            started.add(ServiceProcess.start(service, home, configFile, settings, runDir.resolve("logs")));
        }
        VanishwatchServices services = new VanishwatchServices(started, home, configFile, settings, runDir.resolve("logs"));
        try {
            CompletableFuture.allOf(started.stream()
                    .map(process -> CompletableFuture.runAsync(() -> process.awaitStarted(START_TIMEOUT)))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            services.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return services;
    }

    public synchronized ServiceProcess get(ServiceProcess.Service service) {
        return processes.stream().filter(process -> process.service() == service).findFirst().orElseThrow();
    }

    /**
     * Starts a service that was stopped or killed again, with the same configuration (its log goes on in the same
     * file), and waits until it is live.
     */
    public synchronized ServiceProcess restart(ServiceProcess.Service service) {
        ServiceProcess old = get(service);
        if (old.isAlive()) {
            throw new IllegalStateException(service.module() + " is still running");
        }
        ServiceProcess started = ServiceProcess.start(service, home, configFile, settings, logDir);
        processes.set(processes.indexOf(old), started);
        return started.awaitStarted(START_TIMEOUT);
    }

    public synchronized List<ServiceProcess> all() {
        return List.copyOf(processes);
    }

    @Override
    public void close() {
        processes.forEach(ServiceProcess::close);
    }
}
