package io.vanishwatch.analyzer.rules;

import static io.vanishwatch.analyzer.Mail.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail;
import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Disappearance;
import io.vanishwatch.events.FolderRole;

class PatternRuleTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final PatternRule clientFilter = AnalyzerSettings.defaults().patterns().get(0);
    private final PatternRule junkMove = AnalyzerSettings.defaults().patterns().get(1);
    private final PatternRule folderMove = AnalyzerSettings.defaults().patterns().get(2);

    @Test
    void unreadMailGoneFromInboxSoonAfterArrivalCountsAsClientMovesToLocal() {
        assertThat(clientFilter.pattern()).isEqualTo(Alert.Pattern.CLIENT_MOVES_TO_LOCAL);
        assertThat(clientFilter.counts(Mail.goneUnread("office", 1, T0, MINUTE))).isTrue();
        assertThat(clientFilter.severity()).isEqualTo(Alert.Severity.CRITICAL);
    }

    @Test
    void aMoveToJunkNeverCountsAsClientMovesToLocalButCountsAsMovedToJunk() {
        Disappearance toJunk = Mail.movedToJunkUnread("office", 1, T0, MINUTE);
        assertThat(clientFilter.counts(toJunk)).isFalse();
        assertThat(junkMove.counts(toJunk)).isTrue();
        assertThat(junkMove.severity()).isEqualTo(Alert.Severity.WARNING);
    }

    @Test
    void unreadMailFiledIntoAnOrdinaryFolderCountsAsMovedToFolderOnlyAndIsAWarning() {
        Disappearance toNewsletters = Mail.disappearance("office", 1, T0, MINUTE, false,
                Disappearance.Destination.MOVED, "Newsletters", FolderRole.OTHER);
        Disappearance toArchive = Mail.disappearance("office", 2, T0, MINUTE, false, Disappearance.Destination.MOVED,
                "Archive", FolderRole.ARCHIVE);
        Disappearance toAllMail = Mail.disappearance("office", 3, T0, MINUTE, false, Disappearance.Destination.MOVED,
                "[Gmail]/All Mail", FolderRole.ALL_MAIL);

        assertThat(folderMove.pattern()).isEqualTo(Alert.Pattern.MOVED_TO_FOLDER);
        assertThat(folderMove.severity()).isEqualTo(Alert.Severity.WARNING);
        for (Disappearance filed : java.util.List.of(toNewsletters, toArchive, toAllMail)) {
            assertThat(folderMove.counts(filed)).as(filed.movedToFolder()).isTrue();
            assertThat(clientFilter.counts(filed)).as(filed.movedToFolder()).isFalse();
            assertThat(junkMove.counts(filed)).as(filed.movedToFolder()).isFalse();
        }
    }

    @Test
    void movesToJunkOrTrashAndMailGoneFromTheServerAreNotFiling() {
        assertThat(folderMove.counts(Mail.movedToJunkUnread("office", 1, T0, MINUTE))).isFalse();
        assertThat(folderMove.counts(Mail.goneUnread("office", 2, T0, MINUTE))).isFalse();
        assertThat(folderMove.counts(Mail.disappearance("office", 3, T0, MINUTE, false,
                Disappearance.Destination.MOVED, "Trash", FolderRole.TRASH))).isFalse();
        assertThat(folderMove.counts(Mail.disappearance("office", 4, T0, MINUTE, true,
                Disappearance.Destination.MOVED, "Newsletters", FolderRole.OTHER))).isFalse();
    }

    @Test
    void readMessagesDoNotCount() {
        Disappearance readThenGone = Mail.disappearance("office", 1, T0, MINUTE, true, Disappearance.Destination.GONE, null, null);
        Disappearance readThenJunk = Mail.disappearance("office", 1, T0, MINUTE, true, Disappearance.Destination.MOVED,
                "Junk", FolderRole.JUNK);
        assertThat(clientFilter.counts(readThenGone)).isFalse();
        assertThat(junkMove.counts(readThenJunk)).isFalse();
    }

    @Test
    void slowRemovalsBeyondMaxDwellDoNotCount() {
        assertThat(clientFilter.counts(Mail.goneUnread("office", 1, T0, Duration.ofMinutes(10)))).isTrue();
        assertThat(clientFilter.counts(Mail.goneUnread("office", 1, T0, Duration.ofMinutes(10).plusSeconds(1)))).isFalse();
        assertThat(junkMove.counts(Mail.movedToJunkUnread("office", 1, T0, Duration.ofHours(2)))).isFalse();
    }

    @Test
    void removalsWithUnknownDwellOrFromOtherFoldersDoNotCount() {
        Disappearance unknownArrival = Mail.goneUnread("office", 1, T0, MINUTE);
        unknownArrival = new Disappearance(unknownArrival.account(), "INBOX", FolderRole.INBOX, 1, 1, null, null, null,
                null, T0, null, null, false, Disappearance.Destination.GONE, null, null, null,
                Disappearance.Basis.WINDOW_PASSED, null, null, null);
        Disappearance fromJunk = new Disappearance("office", "Junk", FolderRole.JUNK, 1, 1, null, null, null,
                T0.minusSeconds(5), T0, null, Duration.ofSeconds(5), false, Disappearance.Destination.GONE, null, null, null,
                Disappearance.Basis.WINDOW_PASSED, null, null, null);
        assertThat(clientFilter.counts(unknownArrival)).isFalse();
        assertThat(clientFilter.counts(fromJunk)).isFalse();
    }

    @Test
    void thresholdsMustBeSensible() {
        assertThatThrownBy(() -> PatternRule.clientMovesToLocal(0, MINUTE, MINUTE, MINUTE))
                .hasMessageContaining("minCount");
        assertThatThrownBy(() -> PatternRule.clientMovesToLocal(3, Duration.ZERO, MINUTE, MINUTE))
                .hasMessageContaining("maxDwell");
    }
}
