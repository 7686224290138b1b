package io.vanishwatch.collector.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.CollectorSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.imap.ImapConnector;
import io.vanishwatch.collector.imap.ImapSession;
import io.vanishwatch.collector.imap.ListedFolder;
import io.vanishwatch.collector.imap.MailboxException;

/** What a server Dovecot cannot be made to play here says: no IDLE, no NOTIFY, a connection limit already reached. */
class AccountCheckTest {

    private static final AccountSettings SHOP = new AccountSettings("shop", "imap.shop.example", 143, Security.PLAIN,
            true, "info", new Password("pw-1"), "INBOX", Optional.of("Spam"), Optional.empty(), List.of(), 2);
    private static final CollectorSettings SETTINGS = new CollectorSettings(List.of(SHOP), Duration.ofSeconds(1),
            Duration.ofMinutes(5), Duration.ofMinutes(25), Duration.ofSeconds(60), Duration.ofSeconds(15), 4,
            Duration.ZERO, "topic", "tx", Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty());

    /** A logged-in session offering only {@code capabilities}, listing INBOX and Trash. */
    private static ImapSession session(Set<String> capabilities) {
        return (ImapSession) Proxy.newProxyInstance(ImapSession.class.getClassLoader(),
                new Class<?>[] {ImapSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "supports" -> capabilities.contains((String) args[0]);
                    case "list" -> List.of(new ListedFolder("INBOX", '/', Set.of()),
                            new ListedFolder("Trash", '/', Set.of("\\Trash")));
                    case "tls" -> Optional.empty();
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aServerWithoutIdleOrNotifyIsAWarningAndAMissingConfiguredJunkFolderIsNamed() {
        ImapConnector connector = account -> session(Set.of("MOVE"));

        AccountCheck.Result result = AccountCheck.check(SHOP, "password", connector, SETTINGS);

        assertThat(result.ok()).isTrue();
        assertThat(result.lines()).contains(
                "  capabilities: MOVE (missing: IDLE NOTIFY QRESYNC CONDSTORE ID SPECIAL-USE)",
                "  WARNING imap.shop.example:143: no IDLE: new mail in INBOX is noticed by asking every few seconds,"
                        + " not the moment it changes (degraded)",
                "  other folders: looked at every 15s (vanishwatch.collector.folder-poll-interval; the server has no"
                        + " NOTIFY)",
                "  folders: INBOX (INBOX), Trash (TRASH)",
                "  result: OK, 2 warnings");
        assertThat(result.lines()).anySatisfy(line -> assertThat(line).startsWith(
                "  WARNING vanishwatch.collector.accounts.shop.folders.junk: no Junk folder found: the configured"
                        + " folder Spam is not on the server;"));
    }

    @Test
    void aSecondConnectionTheServerRefusesIsAProblemNamingMaxConnections() {
        AtomicInteger opened = new AtomicInteger();
        ImapConnector connector = account -> {
            if (opened.incrementAndGet() > 1) {
                throw new MailboxException(MailboxException.Failure.UNREACHABLE, "the server refused the login for"
                        + " now: [LIMIT] Maximum number of connections from user+IP exceeded");
            }
            return session(Set.of("IDLE", "NOTIFY", "SPECIAL-USE"));
        };

        AccountCheck.Result result = AccountCheck.check(SHOP, "password", connector, SETTINGS);

        assertThat(result.ok()).isFalse();
        assertThat(result.lines()).contains("  PROBLEM vanishwatch.collector.accounts.shop.max-connections: UNREACHABLE"
                + " the server refused connection 2 of 2: the server refused the login for now: [LIMIT] Maximum number"
                + " of connections from user+IP exceeded; set max-connections=1, or raise the server's limit");
        assertThat(result.lines()).last().isEqualTo("  result: 1 problem, 1 warning");
    }
}
