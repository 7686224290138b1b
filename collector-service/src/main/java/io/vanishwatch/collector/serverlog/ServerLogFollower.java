package io.vanishwatch.collector.serverlog;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vanishwatch.collector.checkpoint.CheckpointStore;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.collector.config.CollectorSettings;
import io.vanishwatch.collector.config.ServerLogSettings;
import io.vanishwatch.collector.publish.KafkaEventPublisher;
import io.vanishwatch.collector.publish.PublishException;
import io.vanishwatch.collector.publish.ServerLogPublication;
import io.vanishwatch.collector.watch.Backoff;
import io.vanishwatch.collector.watch.Durations;
import io.vanishwatch.collector.watch.Pause;
import io.vanishwatch.events.ServerLogEvent;
import io.vanishwatch.events.Topics;

/**
 * Follows the mail server's log when {@code vanishwatch.collector.server-log.path} is set, and publishes what it says
 * about watched accounts as {@link ServerLogEvent}s, with the follower's position in the same transaction. Needs no
 * IMAP account: on the mail server it runs alone as a log shipper.
 */
@ApplicationScoped
public class ServerLogFollower {

    private static final Logger LOG = Logger.getLogger(ServerLogFollower.class);
    private static final int BATCH_LINES = 2000;
    private static final int MAX_SESSIONS = 100_000;
    static final String FOLLOWING = "following";

    @Inject
    CollectorConfig config;

    @Inject
    KafkaEventPublisher publisher;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private final Map<SessionJoiner.Outcome, Counter> lineCounters = new EnumMap<>(SessionJoiner.Outcome.class);
    private volatile SessionJoiner joiner;
    private volatile boolean stopped;
    private volatile String state = "not following a server log";
    private volatile LogPosition published;
    private volatile Thread thread;

    void start(@Observes StartupEvent startup) {
        CollectorSettings settings = CollectorSettings.from(config, System::getenv);
        Optional<ServerLogSettings> serverLog = settings.serverLog();
        if (serverLog.isEmpty()) {
            return;
        }
        for (SessionJoiner.Outcome outcome : SessionJoiner.Outcome.values()) {
            lineCounters.put(outcome, Counter.builder("vanishwatch.collector.server_log.lines")
                    .description("lines of the mail server's log read, by what became of them")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
        Gauge.builder("vanishwatch.collector.server_log.sessions", this,
                f -> f.joiner == null ? 0 : f.joiner.sessions())
                .description("server sessions remembered for their IMAP ID and address").register(registry);
        ServerLogSettings log = serverLog.get();
        LOG.infof("following %s (%s) for %d server user(s) of accounts %s, publishing to %s",
                log.stdin() ? "stdin" : log.path(), log.format(), log.accountsByUser().size(),
                new java.util.TreeSet<>(log.accountsByUser().values()), Topics.SERVER_LOG.name());
        thread = new Thread(() -> run(settings, log), "server-log");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether a server log is to be followed. */
    public boolean configured() {
        return thread != null;
    }

    /** The position of the last line whose events are committed; null before the first. */
    public LogPosition published() {
        return published;
    }

    /** What the follower is doing, for logs and tests. */
    public String state() {
        return state;
    }

    private void run(CollectorSettings settings, ServerLogSettings log) {
        CheckpointStore checkpoints = new CheckpointStore(bootstrapServers, settings.checkpointTopic());
        Backoff backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        String key = log.stdin() ? "-" : log.path().toString();
        LogPosition resume;
        while (true) {
            try {
                state = "waiting for Kafka at " + bootstrapServers;
                checkpoints.ensureTopic();
                publisher.start();
                resume = log.stdin() ? null : checkpoints.logPosition(key).orElse(null);
                break;
            } catch (RuntimeException e) {
                if (!pause(backoff.next(), "cannot start yet (" + e.getMessage() + ")")) {
                    return;
                }
            }
        }
        if (resume != null) {
            LOG.infof("resuming %s at offset %d of file %s", key, resume.offset(), resume.fileKey());
        }
        joiner = new SessionJoiner(log.accountsByUser(), log.format(), log.sessionIdle(), MAX_SESSIONS);
        DovecotLogParser parser = new DovecotLogParser(log.zone(), Clock.system(log.zone()));
        try (LogLines lines = log.stdin() ? new StreamLogLines(System.in)
                : FileLogLines.open(log.path(), resume, log.startAtEnd())) {
            follow(lines, parser, resume, log.pollInterval(), backoff);
        } catch (IOException e) {
            state = "stopped: cannot read " + key + ": " + e.getMessage();
            LOG.errorf("server log follower %s", state);
        }
    }

    private void follow(LogLines lines, DovecotLogParser parser, LogPosition resume, Duration pollInterval,
                        Backoff backoff) throws IOException {
        LogPosition published = resume;
        while (!stopped) {
            state = FOLLOWING;
            LogLines.Batch batch = lines.poll(BATCH_LINES);
            List<ServerLogEvent> events = new ArrayList<>();
            for (LogLines.Line line : batch.lines()) {
                SessionJoiner.Joined joined = joiner.accept(parser.parse(line.text()).orElse(null), line.identity());
                lineCounters.get(joined.outcome()).increment();
                if (joined.event() != null) {
                    events.add(joined.event());
                }
            }
            LogPosition position = batch.position();
            boolean moved = position != null && !position.equals(published);
            if (!events.isEmpty() || moved) {
                ServerLogPublication publication = new ServerLogPublication(events, moved ? position : null);
                if (!publish(publication, backoff)) {
                    return;
                }
                published = position;
                this.published = position;
            }
            if (batch.lines().isEmpty()) {
                if (lines.finished()) {
                    state = "finished: the input ended";
                    LOG.info("server log input ended");
                    return;
                }
                if (!pause(pollInterval, null)) {
                    return;
                }
            }
        }
    }

    /** Publishes, retrying the same publication until it is stored; false when stopping. */
    private boolean publish(ServerLogPublication publication, Backoff backoff) {
        while (!stopped) {
            try {
                publisher.publish(publication);
                backoff.reset();
                return true;
            } catch (PublishException e) {
                if (!pause(backoff.next(), e.getMessage())) {
                    return false;
                }
            }
        }
        return false;
    }

    private boolean pause(Duration wait, String problem) {
        if (problem != null) {
            state = problem + "; retrying in " + Durations.human(wait);
            LOG.warnf("server log follower: %s", state);
        }
        try {
            Pause.REAL.pause(wait);
            return !stopped;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
