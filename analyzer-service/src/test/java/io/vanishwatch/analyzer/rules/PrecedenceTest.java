package io.vanishwatch.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vanishwatch.events.Alert.Pattern;

class PrecedenceTest {

    @Test
    void aBlindWatchAndAMassRemovalSpeakForTheAccountButARebuiltFolderIsNewsOfItsOwn() {
        for (Pattern other : Pattern.values()) {
            boolean aboutLogins = other == Pattern.LOGIN_FAILURES || other == Pattern.NEW_DEVICE;
            assertThat(Precedence.dominates(Pattern.WATCHER_BLIND, other)).as(other.name())
                    .isEqualTo(other != Pattern.WATCHER_BLIND && !aboutLogins);
            assertThat(Precedence.dominates(Pattern.MASS_REMOVAL, other)).as(other.name())
                    .isEqualTo(other != Pattern.WATCHER_BLIND && other != Pattern.MASS_REMOVAL
                            && other != Pattern.MAILBOX_RESET && !aboutLogins);
        }
        assertThat(Precedence.dominates(Pattern.DOWNLOAD_AND_DELETE, Pattern.CLIENT_MOVES_TO_LOCAL)).isTrue();
        assertThat(Precedence.dominates(Pattern.DOWNLOAD_AND_DELETE, Pattern.MOVED_TO_JUNK)).isFalse();
    }

    @Test
    void onlyMailTakenAwayIsExplainedByAMassRemovalAndABlindWatchExplainsNothing() {
        assertThat(Precedence.explains(Pattern.MASS_REMOVAL, Pattern.CLIENT_MOVES_TO_LOCAL)).isTrue();
        assertThat(Precedence.explains(Pattern.MASS_REMOVAL, Pattern.DELETED_UNREAD)).isTrue();
        assertThat(Precedence.explains(Pattern.MASS_REMOVAL, Pattern.MAILBOX_RESET)).as("tried as a new user would")
                .isFalse();
        assertThat(Precedence.explains(Pattern.MASS_REMOVAL, Pattern.MOVED_TO_FOLDER)).isFalse();
        for (Pattern other : Pattern.values()) {
            assertThat(Precedence.explains(Pattern.WATCHER_BLIND, other)).isFalse();
        }
        assertThat(Precedence.ORDER).containsExactlyInAnyOrder(Pattern.values());
    }
}
