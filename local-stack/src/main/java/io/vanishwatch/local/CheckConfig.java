package io.vanishwatch.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.vanishwatch.local.services.ServiceProcess;

/**
 * {@code ./vanishwatch check-config FILE}: first what {@code watch} checks across the services (no key outside their
 * namespaces, something to watch, a channel), then the collector's own check — its validation, a connection to every
 * account — run on the packaged collector's classpath as a child process, since this module cannot depend on the
 * collector (the collector's tests depend on it). Its exit status is the check's: 0 OK, 1 a problem, 2 a bad file.
 */
final class CheckConfig {

    /** The collector's entry point for the check. */
    static final String MAIN_CLASS = "io.vanishwatch.collector.check.ConfigCheck";
    static final int CONFIGURATION_ERROR = 2;

    private CheckConfig() {
    }

    static int run(Path home, Path configFile, Map<String, String> environment, PrintStream out) {
        try {
            WatchConfiguration.read(configFile, environment);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return CONFIGURATION_ERROR;
        }
        Path app = ServiceProcess.Service.COLLECTOR.runnerJar(home).getParent();
        if (!Files.isDirectory(app.resolve("lib/main"))) {
            throw new IllegalStateException(app + " does not exist: build Vanishwatch first (mvn -DskipTests package)");
        }
        List<String> command = command(app, configFile);
        try {
            out.flush();
            Process check = new ProcessBuilder(command).inheritIO().start();
            return check.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the collector's configuration check", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** {@code java -cp <the packaged collector> ConfigCheck FILE}: the classes the collector service runs with. */
    static List<String> command(Path app, Path configFile) {
        String classpath = String.join(java.io.File.pathSeparator, app.resolve("app/*").toString(),
                app.resolve("lib/boot/*").toString(), app.resolve("lib/main/*").toString(),
                // the implementations of the collector's @ConfigMapping interfaces, generated when it was packaged
                app.resolve("quarkus/generated-bytecode.jar").toString());
        return List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m", "-cp", classpath,
                MAIN_CLASS, configFile.toAbsolutePath().toString());
    }
}
