package io.vanishwatch.notifier.silence;

import static io.vanishwatch.notifier.silence.Silences.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.vanishwatch.events.Silence;
import org.junit.jupiter.api.Test;

class SilenceStateTest {

    private final Instant start = NOW;
    private final Instant end = NOW.plus(Duration.ofHours(2));
    private final Silence silence = Silences.account("office@example.org", start, end);

    @Test
    void pendingBeforeItsStartActiveFromItExpiredFromItsEnd() {
        assertThat(SilenceState.of(silence, start.minusMillis(1))).isEqualTo(SilenceState.PENDING);
        assertThat(SilenceState.of(silence, start)).isEqualTo(SilenceState.ACTIVE);
        assertThat(SilenceState.of(silence, end.minusMillis(1))).isEqualTo(SilenceState.ACTIVE);
        assertThat(SilenceState.of(silence, end)).isEqualTo(SilenceState.EXPIRED);
    }

    @Test
    void expiringAnActiveSilenceEndsItNow() {
        Instant now = start.plusSeconds(600);
        Silence expired = SilenceState.expire(silence, now);

        assertThat(expired.endsAt()).isEqualTo(now);
        assertThat(expired.startsAt()).isEqualTo(start);
        assertThat(expired.updatedAt()).isEqualTo(now);
        assertThat(expired.id()).isEqualTo(silence.id());
        assertThat(SilenceState.of(expired, now)).isEqualTo(SilenceState.EXPIRED);
    }

    @Test
    void expiringAPendingSilenceMeansItNeverStarts() {
        Instant now = start.minusSeconds(600);
        Silence expired = SilenceState.expire(silence, now);

        assertThat(expired.startsAt()).isEqualTo(now);
        assertThat(expired.endsAt()).isEqualTo(now);
        assertThat(SilenceState.of(expired, start)).isEqualTo(SilenceState.EXPIRED);
    }

    @Test
    void anExpiredSilenceStaysAsItWas() {
        assertThat(SilenceState.expire(silence, end.plusSeconds(1))).isSameAs(silence);
    }

    @Test
    void aSilenceIsForgottenOnlyOnceItEndedLongerAgoThanTheRetention() {
        Duration retention = Duration.ofDays(5);
        assertThat(SilenceState.forgettable(silence, end.plus(retention), retention)).isFalse();
        assertThat(SilenceState.forgettable(silence, end.plus(retention).plusMillis(1), retention)).isTrue();
    }
}
