package io.vanishwatch.analyzer.rules;

import static io.vanishwatch.analyzer.Mail.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;

class FolderPruningTest {

    private static MailboxEvent folderEvent(MailboxEvent.Type type) {
        return MailboxEvent.folder(type, "office", "Newsletters", FolderRole.OTHER, 7, T0, MailboxEvent.DetectedBy.RESYNC,
                null);
    }

    @Test
    void aNewUidValidityForgetsEverythingAboutTheFolder() {
        assertThat(FolderPruning.of(folderEvent(MailboxEvent.Type.UIDVALIDITY_CHANGED)))
                .contains(new FolderPruning("office", "Newsletters", true));
    }

    @Test
    void aRemovedFolderForgetsItsMessageStatesButLetsWaitingRemovalsBeDecided() {
        assertThat(FolderPruning.of(folderEvent(MailboxEvent.Type.FOLDER_REMOVED)))
                .contains(new FolderPruning("office", "Newsletters", false));
    }

    @Test
    void noOtherEventPrunes() {
        for (MailboxEvent.Type type : new MailboxEvent.Type[] {MailboxEvent.Type.FOLDER_ADDED,
                MailboxEvent.Type.FOLDER_RESYNCED}) {
            assertThat(FolderPruning.of(folderEvent(type))).as(type.name()).isEmpty();
        }
        assertThat(FolderPruning.of(Mail.removed("office", "INBOX", FolderRole.INBOX, 1, Mail.Message.numbered(1), T0)))
                .isEmpty();
        assertThat(FolderPruning.of(Mail.watch("office", MailboxEvent.WatchState.UNREACHABLE, T0))).isEmpty();
    }

    @Test
    void aNewUidValidityOrAFolderAddedStartsANewGenerationWhoseEventIdsMayRepeatOldOnes() {
        assertThat(FolderPruning.startsNewGeneration(folderEvent(MailboxEvent.Type.UIDVALIDITY_CHANGED))).isTrue();
        assertThat(FolderPruning.startsNewGeneration(folderEvent(MailboxEvent.Type.FOLDER_ADDED))).isTrue();
    }

    @Test
    void aRemovedFolderKeepsItsEventIdsSoItsRemovalsPublishedAgainStayDuplicates() {
        assertThat(FolderPruning.startsNewGeneration(folderEvent(MailboxEvent.Type.FOLDER_REMOVED))).isFalse();
        assertThat(FolderPruning.startsNewGeneration(folderEvent(MailboxEvent.Type.FOLDER_RESYNCED))).isFalse();
        assertThat(FolderPruning.startsNewGeneration(
                Mail.removed("office", "INBOX", FolderRole.INBOX, 1, Mail.Message.numbered(1), T0))).isFalse();
    }
}
