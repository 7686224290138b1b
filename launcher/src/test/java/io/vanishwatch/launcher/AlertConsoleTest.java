package io.vanishwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AlertConsoleTest {

    @Test
    void howLongAMessageStayedIsSaidInTheUnitAPersonWouldUse() {
        assertThat(AlertConsole.age(Duration.ofSeconds(3))).isEqualTo("3 s");
        assertThat(AlertConsole.age(Duration.ofSeconds(7126))).isEqualTo("118 min");
        assertThat(AlertConsole.age(Duration.ofHours(30))).isEqualTo("30 h");
        assertThat(AlertConsole.age(Duration.ofDays(400))).isEqualTo("400 d");
    }
}
