package io.vanishwatch.collector.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.imap.AngusImapConnector;
import io.vanishwatch.collector.publish.EventPublisher;
import io.vanishwatch.local.mail.DovecotServer;

/**
 * Twelve accounts on one real Dovecot, all started at once with no login jitter, behind a proxy that makes every
 * login take at least 100 ms: the server sees at most the configured number of logins at a time.
 */
class LoginStormOnDovecotTest {

    private static final int ACCOUNTS = 12;
    private static final Duration SLOW_GREETING = Duration.ofMillis(100);
    private static final WatchSettings TIMING = new WatchSettings(Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofMinutes(25), Duration.ofSeconds(60), Duration.ofSeconds(15));
    private static final Pattern LOGIN = Pattern.compile("imap-login: Info: Login: user=<(user\\d+)>");

    @TempDir
    static Path workDir;

    private static DovecotServer dovecot;
    private static ScheduledExecutorService timer;

    private final EventPublisher publisher = publication -> { };

    @BeforeAll
    static void startDovecot() {
        assumeTrue(DovecotServer.isInstalled(), DovecotServer.notInstalledMessage());
        Map<String, String> users = new TreeMap<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            users.put("user" + i, "pw" + i);
        }
        dovecot = DovecotServer.start(workDir, users);
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Starts one watch per account through the proxy, waits until every one is CONNECTED, and stops them. */
    private LoginPacer watchAll(SlowLoginProxy proxy, int maxConcurrentLogins) throws InterruptedException {
        LoginPacer pacer = new LoginPacer(maxConcurrentLogins, Duration.ZERO,
                () -> ThreadLocalRandom.current().nextLong());
        AngusImapConnector connector = new AngusImapConnector(TIMING.longestIdle(), timer);
        List<AccountWatcher> watchers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            AccountSettings account = new AccountSettings("account" + i, "127.0.0.1", proxy.port(), Security.PLAIN,
                    true, "user" + i, new Password("pw" + i), "INBOX", Optional.empty(), Optional.empty(), List.of(),
                    2);
            AccountWatcher watcher = new AccountWatcher(account, Map.of(), connector, publisher, TIMING,
                    Clock.systemUTC(), Pause.REAL, pacer);
            watchers.add(watcher);
            threads.add(new Thread(watcher, "watch-account" + i));
        }
        threads.forEach(Thread::start);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> watchers.stream()
                    .allMatch(w -> w.status().state() == WatchStatus.State.CONNECTED));
            assertThat(watchers).allSatisfy(w -> assertThat(w.connections()).isEqualTo(2));
        } finally {
            watchers.forEach(AccountWatcher::stop);
            for (Thread thread : threads) {
                thread.interrupt();
                thread.join(10_000);
            }
        }
        return pacer;
    }

    private static Map<String, Integer> loginsByUser(List<String> log) {
        Map<String, Integer> logins = new TreeMap<>();
        for (String line : log) {
            Matcher m = LOGIN.matcher(line);
            if (m.find()) {
                logins.merge(m.group(1), 1, Integer::sum);
            }
        }
        return logins;
    }

    @Test
    void twelveAccountsStartedAtOnceLogInAtMostTwoAtATimeAndAllEndUpConnected() throws Exception {
        int logBefore = dovecot.logLines().size();
        try (SlowLoginProxy proxy = new SlowLoginProxy(dovecot.port(), SLOW_GREETING)) {
            // when twelve watches of two connections each start at the same moment with a limit of 2
            LoginPacer pacer = watchAll(proxy, 2);

            // then the server saw never more than 2 logins in progress, and the collector counted the same bound
            assertThat(proxy.loginsCompleted()).isEqualTo(2 * ACCOUNTS);
            assertThat(proxy.maxLoginsInProgress()).isEqualTo(2);
            assertThat(pacer.maxInProgress(LoginPacer.serverOf("127.0.0.1", proxy.port()))).isEqualTo(2);
        }
        // and Dovecot logged two logins of each user (its log process writes a moment after the login)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> lines = dovecot.logLines();
            Map<String, Integer> logins = loginsByUser(lines.subList(logBefore, lines.size()));
            assertThat(logins).hasSize(ACCOUNTS).allSatisfy((user, count) -> assertThat(count).isEqualTo(2));
        });
    }

    @Test
    void withoutTheLimitTheSameStartIsALoginStormThatTheProxySees() throws Exception {
        // the control: the measurement above can fail, because unpaced logins do overlap
        try (SlowLoginProxy proxy = new SlowLoginProxy(dovecot.port(), SLOW_GREETING)) {
            watchAll(proxy, 2 * ACCOUNTS);

            assertThat(proxy.loginsCompleted()).isEqualTo(2 * ACCOUNTS);
            assertThat(proxy.maxLoginsInProgress()).isGreaterThan(2);
        }
    }
}
