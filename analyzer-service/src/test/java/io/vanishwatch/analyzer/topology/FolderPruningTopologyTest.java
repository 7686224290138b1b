package io.vanishwatch.analyzer.topology;

import static io.vanishwatch.analyzer.Mail.T0;
import static io.vanishwatch.analyzer.Mail.at;
import static io.vanishwatch.analyzer.Mail.UID_VALIDITY;
import static io.vanishwatch.analyzer.Mail.arrived;
import static io.vanishwatch.analyzer.Mail.removed;
import static io.vanishwatch.analyzer.Mail.removedToNoFolder;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.analyzer.rules.AnalyzerSettings;
import io.vanishwatch.analyzer.rules.KnownMessage;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;

/** A folder's state is forgotten when its UIDs stop applying or the folder is deleted. */
class FolderPruningTopologyTest {

    private static final String ACCOUNT = "office@demo.example";
    private final AnalyzerDriver driver = new AnalyzerDriver(AnalyzerSettings.defaults(), T0);

    @AfterEach
    void close() {
        driver.close();
    }

    private static MailboxEvent folderEvent(MailboxEvent.Type type, String folder, FolderRole role, int seconds) {
        return MailboxEvent.folder(type, ACCOUNT, folder, role, UID_VALIDITY, at(seconds), MailboxEvent.DetectedBy.RESYNC,
                null);
    }

    private List<String> foldersWithStates() {
        KeyValueStore<String, KnownMessage> states = driver.keyValueStore(AnalyzerTopology.MESSAGE_STATES);
        List<String> folders = new ArrayList<>();
        try (KeyValueIterator<String, KnownMessage> it = states.all()) {
            it.forEachRemaining(entry -> folders.add(entry.value.folder()));
        }
        return folders;
    }

    @Test
    void afterAUidValidityChangeUnderTheSameNumberAnOldUidNoLongerFindsItsArrival() {
        Message old = new Message("<old@x>", "boss@office.example", "Before the reset", at(-3600));
        driver.pipe(arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 5, old, at(0)),
                arrived(ACCOUNT, "INBOX/Sub", FolderRole.OTHER, 5, Message.numbered(50), at(1)),
                folderEvent(MailboxEvent.Type.UIDVALIDITY_CHANGED, "INBOX", FolderRole.INBOX, 100));
        assertThat(foldersWithStates()).as("INBOX forgotten, a folder whose name starts alike kept")
                .containsExactly("INBOX/Sub");

        Message reused = new Message("<reused@x>", "someone@x", "After the reset", at(150));
        driver.pipe(removedToNoFolder(ACCOUNT, "INBOX", FolderRole.INBOX, 5, reused, at(200)));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.subject()).as("described by the REMOVED, not the old arrival").isEqualTo("After the reset");
            assertThat(d.arrivedAt()).as("its INTERNALDATE: the old ARRIVED no longer applies").isEqualTo(at(150));
        });
    }

    @Test
    void aUidValidityChangeForgetsTheFoldersPendingRemovalsAndRecentArrivals() {
        Message moved = Message.numbered(6);
        Message waiting = Message.numbered(7);
        driver.pipe(arrived(ACCOUNT, "Junk", FolderRole.JUNK, 40, moved, at(0)),
                removed(ACCOUNT, "Junk", FolderRole.JUNK, 41, waiting, at(1)),
                folderEvent(MailboxEvent.Type.UIDVALIDITY_CHANGED, "Junk", FolderRole.JUNK, 2),
                removed(ACCOUNT, "INBOX", FolderRole.INBOX, 6, moved, at(3)),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 8, Message.numbered(8), at(60)));

        assertThat(driver.disappearances()).singleElement().satisfies(d -> {
            assertThat(d.messageId()).isEqualTo(moved.messageId());
            assertThat(d.destination()).as("the old Junk arrival no longer explains it")
                    .isEqualTo(Disappearance.Destination.GONE);
        });
    }

    @Test
    void aDeletedFolderLeavesNoMessageStates() {
        Message kept = Message.numbered(9);
        driver.pipe(arrived(ACCOUNT, "Projects", FolderRole.OTHER, 1, Message.numbered(10), at(0)),
                arrived(ACCOUNT, "Projects", FolderRole.OTHER, 2, Message.numbered(11), at(0)),
                arrived(ACCOUNT, "INBOX", FolderRole.INBOX, 3, kept, at(0)),
                removedToNoFolder(ACCOUNT, "Projects", FolderRole.OTHER, 1, Message.numbered(10), at(10)),
                folderEvent(MailboxEvent.Type.FOLDER_REMOVED, "Projects", FolderRole.OTHER, 11));

        assertThat(foldersWithStates()).containsExactly("INBOX");
        assertThat(driver.disappearances()).hasSize(1);
    }
}
