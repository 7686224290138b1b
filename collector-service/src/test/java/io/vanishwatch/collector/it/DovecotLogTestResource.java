package io.vanishwatch.collector.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vanishwatch.local.mail.DovecotServer;

/**
 * A real Dovecot whose log the collector follows as a log shipper: no IMAP account configured, only the log path and
 * the server user {@code alice} mapped to the account {@code shipped}; {@code bob} is nobody's.
 */
public class DovecotLogTestResource implements QuarkusTestResourceLifecycleManager {

    static final String ACCOUNT = "shipped";
    private static DovecotServer dovecot;

    static DovecotServer dovecot() {
        return dovecot;
    }

    @Override
    public Map<String, String> start() {
        try {
            dovecot = DovecotServer.start(Files.createTempDirectory("vanishwatch-dovecot-log"),
                    Map.of("alice", "alice-pw", "bob", "bob-pw"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = UUID.randomUUID().toString();
        return Map.of(
                "vanishwatch.collector.server-log.path", dovecot.logFile().toString(),
                "vanishwatch.collector.server-log.users.alice", ACCOUNT,
                "vanishwatch.collector.server-log.start-at", "beginning",
                "vanishwatch.collector.server-log.poll-interval", "50ms",
                "vanishwatch.collector.transactional-id", "collector-server-log-" + id,
                "vanishwatch.collector.checkpoint-topic", "collector-server-log-checkpoints-" + id);
    }

    @Override
    public void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }
}
