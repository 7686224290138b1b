package io.vanishwatch.collector.watch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.collector.config.CollectorSettings;
import io.vanishwatch.collector.imap.AngusMailboxConnector;
import io.vanishwatch.collector.imap.WatchTarget;
import io.vanishwatch.collector.publish.EventPublisher;

/** Starts one watcher per configured account folder when the collector starts, and stops them all cleanly. */
@ApplicationScoped
public class Watches {

    private static final Logger LOG = Logger.getLogger(Watches.class);

    @Inject
    CollectorConfig config;

    @Inject
    EventPublisher publisher;

    @Inject
    MeterRegistry registry;

    private final List<FolderWatcher> watchers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent startup) {
        CollectorSettings settings = CollectorSettings.from(config, System::getenv);
        if (settings.accounts().isEmpty()) {
            LOG.warnf("no accounts configured (%s.accounts.<id>.*): nothing is watched", CollectorConfig.PREFIX);
            return;
        }
        WatchSettings timing = WatchSettings.of(settings);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-timer");
            t.setDaemon(true);
            return t;
        });
        AngusMailboxConnector connector = new AngusMailboxConnector(timing.longestIdle(), timer);
        for (AccountSettings account : settings.accounts()) {
            LOG.infof("account %s: watching %s over %s%s", account.describe(), account.inboxFolder(),
                    account.security(), account.verifyCertificates() ? "" : " WITHOUT certificate checks");
            for (WatchTarget target : WatchTarget.of(account)) {
                FolderWatcher watcher = new FolderWatcher(target, connector, publisher, timing, Clock.systemUTC(),
                        Pause.REAL);
                FunctionCounter.builder("vanishwatch.collector.reconnects", watcher, FolderWatcher::reconnects)
                        .description("reconnect attempts after a failed or lost IMAP connection")
                        .tags("account", account.id(), "role", target.role().name())
                        .register(registry);
                Thread thread = new Thread(watcher, "watch-" + account.id() + "-" + target.role());
                thread.setDaemon(true);
                watchers.add(watcher);
                threads.add(thread);
            }
        }
        threads.forEach(Thread::start);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        watchers.forEach(FolderWatcher::stop);
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        LOG.infof("stopped %d watches", watchers.size());
    }

    /** Every watch with its current status, keyed {@code account/role}. */
    public Map<String, WatchStatus> statuses() {
        Map<String, WatchStatus> statuses = new TreeMap<>();
        for (FolderWatcher watcher : watchers) {
            statuses.put(watcher.target().account().id() + "/" + watcher.target().role(), watcher.status());
        }
        return statuses;
    }

    public List<FolderWatcher> watchers() {
        return List.copyOf(watchers);
    }
}
