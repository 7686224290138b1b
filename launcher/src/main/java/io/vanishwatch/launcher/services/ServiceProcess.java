package io.vanishwatch.launcher.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * One Vanishwatch service running as its own JVM from its packaged Quarkus application, exactly as it is deployed,
 * with its output in a log file; the run command and the system tests start all three this way.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The three services and the module each is packaged in. */
    public enum Service {
        COLLECTOR("collector-service"), ANALYZER("analyzer-service"), NOTIFIER("notifier-service");

        private final String module;

        Service(String module) {
            this.module = module;
        }

        public String module() {
            return module;
        }

        /** The packaged application under a checkout of Vanishwatch. */
        public Path runnerJar(Path home) {
            return home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        }
    }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** Quarkus' line once its HTTP server is up, with the port it chose. */
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    private final Service service;
    private final Process process;
    private final Path logFile;
    /** Where this start's lines begin in the log, which goes on across restarts. */
    private final long logStart;
    private volatile int httpPort = -1;

    private ServiceProcess(Service service, Process process, Path logFile, long logStart) {
        this.service = service;
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
    }

    /**
     * Starts a service with a configuration file (read by all three services, each taking its own keys) and
     * system properties that override it.
     */
    public static ServiceProcess start(Service service, Path home, Path configFile, Map<String, String> overrides, Path logDir) {
        Path jar = service.runnerJar(home);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build Vanishwatch first (mvn -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        // port 0: the service takes a free port itself and logs it; a port picked here could be taken meanwhile
        command.add("-Dquarkus.http.port=0");
        command.add("-Dquarkus.config.locations=" + configFile.toAbsolutePath());
        overrides.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Path logFile = logDir.resolve(service.module() + ".log");
            long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            return new ServiceProcess(service, process, logFile, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module(), e);
        }
    }

    public Service service() {
        return service;
    }

    /** The HTTP port the service listens on, known once {@link #awaitStarted} returned. */
    public int httpPort() {
        return httpPort;
    }

    public Path logFile() {
        return logFile;
    }

    /** The service's process id (to signal it, as a test pausing it with SIGSTOP does). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the service answers its liveness check; fails with the end of its log if it dies first. */
    public ServiceProcess awaitStarted(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module() + " exited with status " + process.exitValue()
                        + "; the end of its log (" + logFile + "):\n" + logTail(30));
            }
            try {
                if (httpPort < 0) {
                    httpPort = listeningPort();
                }
                if (httpPort > 0 && http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + "/q/health/live"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + service.module(), e);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + service.module(), e);
            }
        }
        throw new IllegalStateException(service.module() + " did not start within " + timeout + "; the end of its log ("
                + logFile + "):\n" + logTail(30));
    }

    /** The port in this start's "Listening on" line, or -1 while there is none yet. */
    private int listeningPort() throws IOException {
        if (!Files.exists(logFile)) {
            return -1;
        }
        byte[] all = Files.readAllBytes(logFile);
        String written = new String(all, (int) Math.min(logStart, all.length), (int) Math.max(0, all.length - logStart),
                java.nio.charset.StandardCharsets.UTF_8);
        Matcher listening = LISTENING.matcher(written);
        return listening.find() ? Integer.parseInt(listening.group(1)) : -1;
    }

    /** The last lines the service wrote, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Kills the service at once (SIGKILL), as a crash or an out-of-memory kill would: nothing is shut down. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the service to stop (SIGTERM, so Quarkus shuts down in order) and waits; kills it if it hangs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

}
