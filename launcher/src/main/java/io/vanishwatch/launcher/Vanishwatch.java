package io.vanishwatch.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code ./vanishwatch} entry point: {@code demo} plays the motivating case on embedded defaults,
 * {@code check-config FILE} checks a configuration file and connects to its accounts, {@code watch FILE} watches them.
 */
public final class Vanishwatch {

    private static final String USAGE = """
            usage: ./vanishwatch demo                       the motivating case on embedded defaults
                   ./vanishwatch check-config CONFIG-FILE   check the file, connect to every account (before watch)
                   ./vanishwatch watch CONFIG-FILE          watch real accounts (see config/example.properties)""";

    private Vanishwatch() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %5$s%6$s%n");
        Path home = Path.of(System.getProperty("vanishwatch.home", ".")).toAbsolutePath().normalize();
        if (args.length == 2 && args[0].equals("check-config")) {
            try {
                System.exit(CheckConfig.run(home, Path.of(args[1]), System.getenv(), System.out));
            } catch (RuntimeException e) {
                System.err.println("Vanishwatch could not check the configuration: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        AutoCloseable running;
        try {
            if (args.length == 1 && args[0].equals("demo")) {
                running = Demo.start(home, Demo.Pace.DEMO, Map.of(), System.out);
            } else if (args.length == 2 && args[0].equals("watch")) {
                Path data = Path.of(System.getProperty("vanishwatch.data", home.resolve("vanishwatch-data").toString()));
                running = Watch.start(home, Path.of(args[1]), data, System.out);
            } else {
                System.err.println(USAGE);
                System.exit(2);
                return;
            }
        } catch (RuntimeException e) {
            System.err.println("Vanishwatch could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping: the office and the services first, then the mail server and the broker ...");
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }, "vanishwatch-shutdown"));
        stopped.await();
    }
}
