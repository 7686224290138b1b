package io.vanishwatch.collector.watch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.smallrye.config.SmallRyeConfig;
import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.CollectorConfig;
import io.vanishwatch.collector.config.CollectorSettings;
import io.vanishwatch.collector.config.ConfigFiles;

/**
 * Takes added, changed and removed accounts from the configuration file while the collector runs: the files of
 * {@code quarkus.config.locations} are looked at every {@code config-reload-interval} (by their content: no inotify
 * instance is spent, and a file replaced on a mounted volume is seen too), read again as the service reads them and
 * checked by the same rules. A changed file that does not pass is refused with every wrong key named, and the
 * watches go on as configured before. Only the accounts change without a restart; the other settings are read at
 * start.
 */
final class AccountsReload implements Runnable {

    private static final Logger LOG = Logger.getLogger(AccountsReload.class);

    private final Watches watches;
    private final List<Path> files;
    private final String profile;
    private String lastDigest;

    AccountsReload(Watches watches, List<Path> files, String profile) {
        this.watches = watches;
        this.files = List.copyOf(files);
        this.profile = profile;
        this.lastDigest = digest();
    }

    /** Looks at the running service's configuration files every {@code interval}, unless it is zero or there are none. */
    static void forRunningService(Watches watches, Duration interval, ScheduledExecutorService timer) {
        if (interval.isZero()) {
            LOG.info("account changes take effect at the next start (config-reload-interval=0s)");
            return;
        }
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        List<Path> files = configFiles(config.getOptionalValues("quarkus.config.locations", String.class)
                .orElse(List.of()));
        String profile = config.getProfiles().isEmpty() ? "prod" : config.getProfiles().get(0);
        if (files.isEmpty()) {
            LOG.info("no configuration file (quarkus.config.locations): account changes take effect at the next start");
        } else {
            LOG.infof("accounts added, changed or removed in %s take effect within %s, without a restart", files,
                    Durations.human(interval));
        }
        AccountsReload reload = new AccountsReload(watches, files, profile);
        timer.scheduleWithFixedDelay(reload, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The regular files among the configured locations (a path or a {@code file:} URI each). */
    static List<Path> configFiles(List<String> locations) {
        List<Path> files = new ArrayList<>();
        for (String location : locations) {
            String trimmed = location.trim();
            try {
                Path path = trimmed.startsWith("file:") ? Path.of(URI.create(trimmed)) : Path.of(trimmed);
                if (Files.isRegularFile(path)) {
                    files.add(path);
                }
            } catch (RuntimeException notAFile) {
                // a classpath or jar location: nothing to look at
            }
        }
        return files;
    }

    @Override
    public void run() {
        try {
            if (!files.isEmpty()) {
                reloadIfChanged();
            }
            watches.catchUp();
        } catch (RuntimeException e) {
            LOG.errorf(e, "taking the changed configuration");
        }
    }

    private void reloadIfChanged() {
        String now = digest();
        if (now == null || now.equals(lastDigest)) {
            return;
        }
        lastDigest = now;
        try {
            SmallRyeConfig config = ConfigFiles.read(files, System.getenv(), profile, true);
            CollectorSettings settings = CollectorSettings.from(config.getConfigMapping(CollectorConfig.class),
                    System::getenv);
            List<AccountSettings> accounts = settings.accounts();
            Map<String, String> digests = ConfigFiles.accountDigests(config,
                    accounts.stream().map(AccountSettings::id).toList());
            watches.configure(accounts, digests);
        } catch (RuntimeException e) {
            LOG.errorf("%s changed, but the change is refused and the watches go on as configured before: %s", files,
                    e.getMessage());
        }
    }

    /** The files' content digest, or null while one cannot be read (an editor replacing it). */
    private String digest() {
        try {
            return files.isEmpty() ? "" : ConfigFiles.contentDigest(files);
        } catch (IOException e) {
            return null;
        }
    }
}
