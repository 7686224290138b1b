package io.vanishwatch.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.vanishwatch.launcher.services.ServiceProcess;

/**
 * {@code ./vanishwatch check-config FILE}: first what {@code watch} checks across the services (no key outside their
 * namespaces, something to watch, a channel), then each service's own check of its keys, and last the collector's check,
 * which connects to every account. Each runs on its packaged service's classpath as a child process, as the services
 * themselves run (each is a Quarkus application with a class path of its own). The exit status is 0 OK, 1 a problem
 * with an account, 2 a bad file (then no account is connected to).
 */
final class CheckConfig {

    /** Each service's entry point for its check, in the order they run: the cheap key checks before any connection. */
    static final Map<ServiceProcess.Service, String> MAIN_CLASSES = mainClasses();
    static final String MAIN_CLASS = "io.vanishwatch.collector.check.ConfigCheck";
    static final int CONFIGURATION_ERROR = 2;

    private CheckConfig() {
    }

    private static Map<ServiceProcess.Service, String> mainClasses() {
        Map<ServiceProcess.Service, String> classes = new java.util.LinkedHashMap<>();
        classes.put(ServiceProcess.Service.ANALYZER, "io.vanishwatch.analyzer.config.AnalyzerConfigCheck");
        classes.put(ServiceProcess.Service.NOTIFIER, "io.vanishwatch.notifier.config.NotifierConfigCheck");
        classes.put(ServiceProcess.Service.COLLECTOR, MAIN_CLASS);
        return java.util.Collections.unmodifiableMap(classes);
    }

    static int run(Path home, Path configFile, Map<String, String> environment, PrintStream out) {
        try {
            WatchConfiguration.read(configFile, environment);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return CONFIGURATION_ERROR;
        }
        for (Map.Entry<ServiceProcess.Service, String> check : MAIN_CLASSES.entrySet()) {
            Path app = check.getKey().runnerJar(home).getParent();
            if (!Files.isDirectory(app.resolve("lib/main"))) {
                throw new IllegalStateException(app + " does not exist: build Vanishwatch first (mvn -DskipTests"
                        + " package)");
            }
            int status = run(command(app, check.getValue(), configFile), out);
            if (status != 0) {
                return status;
            }
        }
        return 0;
    }

    private static int run(List<String> command, PrintStream out) {
        try {
            out.flush();
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(command.size() - 2), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** {@code java -cp <the packaged service> MAIN FILE}: the classes the service runs with. */
    static List<String> command(Path app, String mainClass, Path configFile) {
        String classpath = String.join(java.io.File.pathSeparator, app.resolve("app/*").toString(),
                app.resolve("lib/boot/*").toString(), app.resolve("lib/main/*").toString(),
                // the implementations of the service's @ConfigMapping interfaces, generated when it was packaged
                app.resolve("quarkus/generated-bytecode.jar").toString());
        return List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m", "-cp", classpath,
                mainClass, configFile.toAbsolutePath().toString());
    }
}
