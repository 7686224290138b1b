package io.vanishwatch.collector.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class LoginPacerTest {

    private static final String DOVECOT = "mail.example.org:993";
    private static final String OTHER = "imap.example.net:993";

    /** A random source that always answers {@code fraction} of the bound: 0 is the lowest draw, 1 the highest. */
    private static RandomGenerator always(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return Math.min(bound - 1, (long) (bound * fraction));
            }
        };
    }

    @Test
    void aThirdLoginToTheSameServerWaitsUntilOneOfTwoIsDoneWhileAnotherServerIsNotHeldUp() throws Exception {
        LoginPacer pacer = new LoginPacer(2, Duration.ZERO, always(0));
        LoginPacer.Permit first = pacer.enter(DOVECOT);
        LoginPacer.Permit second = pacer.enter(DOVECOT);
        AtomicBoolean thirdIn = new AtomicBoolean();
        Thread third = new Thread(() -> {
            try (LoginPacer.Permit permit = pacer.enter(DOVECOT)) {
                thirdIn.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        third.start();
        try (LoginPacer.Permit elsewhere = pacer.enter(OTHER)) {
            assertThat(pacer.inProgress(OTHER)).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> third.getState() == Thread.State.WAITING);
        assertThat(thirdIn).isFalse();
        assertThat(pacer.inProgress(DOVECOT)).isEqualTo(2);

        first.close();
        third.join(5_000);

        assertThat(thirdIn).isTrue();
        second.close();
        assertThat(pacer.inProgress(DOVECOT)).isZero();
        assertThat(pacer.maxInProgress(DOVECOT)).isEqualTo(2);
        assertThat(pacer.maxInProgress(OTHER)).isEqualTo(1);
    }

    @Test
    void closingAPermitTwiceFreesOneSlotOnly() throws Exception {
        LoginPacer pacer = new LoginPacer(1, Duration.ZERO, always(0));
        LoginPacer.Permit permit = pacer.enter(DOVECOT);
        permit.close();
        permit.close();

        LoginPacer.Permit next = pacer.enter(DOVECOT);
        Thread blocked = new Thread(() -> {
            try {
                pacer.enter(DOVECOT).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        blocked.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> blocked.getState() == Thread.State.WAITING);
        assertThat(pacer.inProgress(DOVECOT)).isEqualTo(1);
        next.close();
        blocked.join(5_000);
        assertThat(blocked.isAlive()).isFalse();
    }

    @Test
    void aWaitingLoginEndsWhenItsWatchIsStopped() throws Exception {
        LoginPacer pacer = new LoginPacer(1, Duration.ZERO, always(0));
        LoginPacer.Permit held = pacer.enter(DOVECOT);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread waiting = new Thread(() -> {
            try {
                pacer.enter(DOVECOT).close();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        waiting.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.getState() == Thread.State.WAITING);

        waiting.interrupt();
        waiting.join(5_000);

        assertThat(interrupted).isTrue();
        held.close();
        assertThat(pacer.inProgress(DOVECOT)).isZero();
    }

    @Test
    void theFirstLoginWaitsARandomTimeBelowTheJitter() {
        Duration jitter = Duration.ofSeconds(5);

        assertThat(new LoginPacer(4, jitter, always(0)).firstLoginDelay()).isEqualTo(Duration.ZERO);
        assertThat(new LoginPacer(4, jitter, always(0.5)).firstLoginDelay()).isEqualTo(Duration.ofMillis(2_500));
        assertThat(new LoginPacer(4, jitter, always(1)).firstLoginDelay()).isEqualTo(Duration.ofMillis(4_999));
        assertThat(new LoginPacer(4, Duration.ZERO, always(1)).firstLoginDelay()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aReconnectWaitIsSpreadOverItsUpperHalf() {
        Duration backoff = Duration.ofSeconds(8);

        assertThat(new LoginPacer(4, Duration.ZERO, always(0)).jittered(backoff)).isEqualTo(Duration.ofSeconds(4));
        assertThat(new LoginPacer(4, Duration.ZERO, always(1)).jittered(backoff)).isEqualTo(Duration.ofSeconds(8));
        assertThat(new LoginPacer(4, Duration.ZERO, always(0.5)).jittered(backoff)).isEqualTo(Duration.ofMillis(6_000));
        assertThat(LoginPacer.UNPACED.jittered(backoff)).isEqualTo(backoff);
    }

    @Test
    void aLimitBelowOneOrANegativeJitterIsRefused() {
        assertThatThrownBy(() -> new LoginPacer(0, Duration.ZERO, always(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new LoginPacer(1, Duration.ofSeconds(-1), always(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void bulkReadsAreLimitedInTheWholeCollectorOnePer64MiBOfHeapFrom2To16() throws Exception {
        assertThat(LoginPacer.bulkReadsForHeap(512L << 20)).isEqualTo(8);
        assertThat(LoginPacer.bulkReadsForHeap(64L << 20)).isEqualTo(2);
        assertThat(LoginPacer.bulkReadsForHeap(8L << 30)).isEqualTo(16);

        LoginPacer pacer = new LoginPacer(4, Duration.ZERO, always(0), 1);
        LoginPacer.Permit first = pacer.bulkRead();
        Thread second = new Thread(() -> {
            try {
                pacer.bulkRead().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        second.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.getState() == Thread.State.WAITING);
        assertThat(pacer.bulkReadsInProgress()).isEqualTo(1);
        pacer.enter(DOVECOT).close(); // logins are not held up by it

        first.close();
        first.close();
        second.join(5_000);
        assertThat(second.isAlive()).isFalse();
        assertThat(pacer.bulkReadsInProgress()).isZero();
        assertThatThrownBy(() -> new LoginPacer(1, Duration.ZERO, always(0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
