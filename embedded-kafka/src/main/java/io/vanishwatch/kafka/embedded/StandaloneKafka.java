package io.vanishwatch.kafka.embedded;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The embedded broker in a JVM of its own: prints {@code READY <bootstrap-servers>} once it accepts clients and
 * stops when its standard input closes, so it never outlives the process that started it.
 *
 * <p>Usage: {@code java -cp ... io.vanishwatch.kafka.embedded.StandaloneKafka [data-dir]}
 */
public final class StandaloneKafka {

    public static final String READY = "READY ";

    private StandaloneKafka() {
    }

    public static void main(String[] args) throws IOException {
        EmbeddedKafka kafka = args.length > 0 ? EmbeddedKafka.start(Path.of(args[0])) : EmbeddedKafka.start();
        kafka.createVanishwatchTopics();
        System.out.println(READY + kafka.bootstrapServers());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin (or to die)
        }
        kafka.close();
    }
}
