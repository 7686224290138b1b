package io.vanishwatch.collector.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.config.Password;
import io.vanishwatch.collector.config.Security;
import io.vanishwatch.collector.imap.Changes;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.events.MailboxEvent.Type;
import io.vanishwatch.events.Verdict.Location;
import io.vanishwatch.local.time.MovableClock;

/**
 * Folder trees shaped like Gmail's (one copy of a message per label, All Mail holding them all) and Microsoft 365's
 * (Deleted Items, Junk Email, Archive by name): archiving, labels and deletes give verdicts that say where the mail
 * is, so that nothing archived or filed is reported as gone from the server.
 */
class ProviderFolderTreesTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final WatchSettings TIMING = new WatchSettings(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMinutes(25), Duration.ofSeconds(60), Duration.ofSeconds(15));

    private final MovableClock clock = new MovableClock(START);
    private final FakeImapServer server = new FakeImapServer();
    private final AccountWatcherTest.RecordingPublisher publisher = new AccountWatcherTest.RecordingPublisher();

    private void watch() {
        AccountSettings account = new AccountSettings("office", "imap.example.org", 993, Security.TLS, true,
                "office@example.org", new Password("pw"), "INBOX", Optional.empty(), Optional.empty(), List.of(), 2);
        AccountWatcher watcher = new AccountWatcher(account, Map.of(), server, publisher, TIMING, clock,
                clock::advance);
        server.watcher = watcher;
        server.notify = true;
        watcher.run();
    }

    /** Puts the same message into each folder, as Gmail shows one message under each of its labels. */
    private void deliver(String messageId, String... folders) {
        for (String folder : folders) {
            server.deliver(folder, messageId);
        }
    }

    private List<MailboxEvent> removed() {
        return publisher.events.stream().filter(e -> e.type() == Type.REMOVED).toList();
    }

    @Test
    void gmailArchiveLabelsAndDeletesSayWhereTheMailIsAndNothingIsGone() {
        server.folder("[Gmail]", "\\Noselect", "\\HasChildren");
        server.folder("[Gmail]/All Mail", "\\All");
        server.folder("[Gmail]/Spam", "\\Junk");
        server.folder("[Gmail]/Trash", "\\Trash");
        server.folder("Invoices");
        deliver("<archived@x>", "INBOX", "[Gmail]/All Mail");
        deliver("<labelled@x>", "INBOX", "Invoices", "[Gmail]/All Mail");
        deliver("<deleted@x>", "INBOX", "[Gmail]/All Mail");
        deliver("<spam@x>", "INBOX", "[Gmail]/All Mail");
        deliver("<unlabelled@x>", "Invoices", "[Gmail]/All Mail");
        server.steps.add(s -> {
            clock.advance(Duration.ofSeconds(5));
            // archive: only the INBOX label goes
            s.expunge("INBOX", "<archived@x>");
            s.expunge("INBOX", "<labelled@x>");
            // delete: Gmail moves it to Trash, which takes it out of All Mail and every label
            s.move("INBOX", "<deleted@x>", "[Gmail]/Trash");
            s.expunge("[Gmail]/All Mail", "<deleted@x>");
            // reported as spam: the same with Spam
            s.move("INBOX", "<spam@x>", "[Gmail]/Spam");
            s.expunge("[Gmail]/All Mail", "<spam@x>");
            // a label taken off
            s.expunge("Invoices", "<unlabelled@x>");
            return new Changes(true, Set.of("[Gmail]/All Mail", "[Gmail]/Spam", "[Gmail]/Trash", "Invoices"), false);
        });

        watch();

        assertThat(publisher.events).filteredOn(e -> e.type() == Type.FOLDER_RESYNCED)
                .extracting(MailboxEvent::folder, MailboxEvent::folderRole).containsExactlyInAnyOrder(
                        tuple("INBOX", FolderRole.INBOX), tuple("[Gmail]/All Mail", FolderRole.ALL_MAIL),
                        tuple("[Gmail]/Spam", FolderRole.JUNK), tuple("[Gmail]/Trash", FolderRole.TRASH),
                        tuple("Invoices", FolderRole.OTHER));
        assertThat(removed()).extracting(MailboxEvent::folder, MailboxEvent::messageId, e -> e.verdict().location(),
                e -> e.verdict().folder(), e -> e.verdict().folderRole()).containsExactlyInAnyOrder(
                tuple("INBOX", "<archived@x>", Location.IN_FOLDER, "[Gmail]/All Mail", FolderRole.ALL_MAIL),
                tuple("INBOX", "<labelled@x>", Location.IN_FOLDER, "Invoices", FolderRole.OTHER),
                tuple("INBOX", "<deleted@x>", Location.IN_FOLDER, "[Gmail]/Trash", FolderRole.TRASH),
                tuple("[Gmail]/All Mail", "<deleted@x>", Location.IN_FOLDER, "[Gmail]/Trash", FolderRole.TRASH),
                tuple("INBOX", "<spam@x>", Location.IN_FOLDER, "[Gmail]/Spam", FolderRole.JUNK),
                tuple("[Gmail]/All Mail", "<spam@x>", Location.IN_FOLDER, "[Gmail]/Spam", FolderRole.JUNK),
                tuple("Invoices", "<unlabelled@x>", Location.IN_FOLDER, "[Gmail]/All Mail", FolderRole.ALL_MAIL));
    }

    @Test
    void microsoft365sFoldersWithoutSpecialUseAreKnownByNameAndOnlyAHardDeleteIsGone() {
        server.folder("Archive");
        server.folder("Deleted Items");
        server.folder("Junk Email");
        server.folder("Sent Items");
        server.folder("Projects");
        deliver("<archived@x>", "INBOX");
        deliver("<deleted@x>", "INBOX");
        deliver("<junk@x>", "INBOX");
        deliver("<filed@x>", "INBOX");
        deliver("<shift-deleted@x>", "INBOX");
        deliver("<old@x>", "Deleted Items");
        server.steps.add(s -> {
            clock.advance(Duration.ofSeconds(5));
            s.move("INBOX", "<archived@x>", "Archive");
            s.move("INBOX", "<deleted@x>", "Deleted Items");
            s.move("INBOX", "<junk@x>", "Junk Email");
            s.move("INBOX", "<filed@x>", "Projects");
            // Shift+Delete: Exchange keeps it in Recoverable Items, which IMAP does not show
            s.expunge("INBOX", "<shift-deleted@x>");
            // emptying Deleted Items
            s.expunge("Deleted Items", "<old@x>");
            return new Changes(true, Set.of("Archive", "Deleted Items", "Junk Email", "Projects"), false);
        });

        watch();

        assertThat(removed()).extracting(MailboxEvent::folder, MailboxEvent::folderRole, MailboxEvent::messageId,
                e -> e.verdict().location(), e -> e.verdict().folderRole()).containsExactlyInAnyOrder(
                tuple("INBOX", FolderRole.INBOX, "<archived@x>", Location.IN_FOLDER, FolderRole.ARCHIVE),
                tuple("INBOX", FolderRole.INBOX, "<deleted@x>", Location.IN_FOLDER, FolderRole.TRASH),
                tuple("INBOX", FolderRole.INBOX, "<junk@x>", Location.IN_FOLDER, FolderRole.JUNK),
                tuple("INBOX", FolderRole.INBOX, "<filed@x>", Location.IN_FOLDER, FolderRole.OTHER),
                tuple("INBOX", FolderRole.INBOX, "<shift-deleted@x>", Location.IN_NO_FOLDER, null),
                tuple("Deleted Items", FolderRole.TRASH, "<old@x>", Location.IN_NO_FOLDER, null));
    }
}
