package io.vanishwatch.analyzer.rules;

import static io.vanishwatch.analyzer.Mail.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vanishwatch.analyzer.Mail;
import io.vanishwatch.events.MailboxEvent.WatchState;

class WatchStatusTest {

    private static final String ACCOUNT = "office";

    @Test
    void aNewStateStartsWhenItsEventWasObserved() {
        WatchStatus connected = WatchStatus.after(null, Mail.watch(ACCOUNT, WatchState.CONNECTED, T0));
        WatchStatus failed = WatchStatus.after(connected, Mail.watch(ACCOUNT, WatchState.AUTH_FAILED, T0.plusSeconds(60)));

        assertThat(connected).isEqualTo(new WatchStatus(WatchState.CONNECTED, T0, null));
        assertThat(connected.blind()).isFalse();
        assertThat(failed.state()).isEqualTo(WatchState.AUTH_FAILED);
        assertThat(failed.since()).isEqualTo(T0.plusSeconds(60));
        assertThat(failed.reason()).isEqualTo("test: AUTH_FAILED");
        assertThat(failed.blind()).isTrue();
    }

    @Test
    void theSameStateAgainKeepsWhenItStarted() {
        WatchStatus connected = WatchStatus.after(null, Mail.watch(ACCOUNT, WatchState.CONNECTED, T0));

        assertThat(WatchStatus.after(connected, Mail.watch(ACCOUNT, WatchState.CONNECTED, T0.plusSeconds(600))))
                .isSameAs(connected);
    }

    @Test
    void everyStateButConnectedIsBlind() {
        for (WatchState state : WatchState.values()) {
            assertThat(new WatchStatus(state, T0, null).blind()).as(state.name())
                    .isEqualTo(state != WatchState.CONNECTED);
        }
    }
}
