package io.vanishwatch.notifier.silence;

import io.vanishwatch.notifier.routing.AlertLabels;
import io.vanishwatch.notifier.routing.Customers;
import static io.vanishwatch.notifier.silence.Silences.NOW;
import static io.vanishwatch.notifier.silence.Silences.matcher;
import static io.vanishwatch.notifier.silence.Silences.silence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vanishwatch.events.Alert;
import io.vanishwatch.events.Silence;
import io.vanishwatch.events.Silence.Matcher.Operator;
import org.junit.jupiter.api.Test;

class SilenceMatchingTest {

    private static final Map<String, String> OFFICE_JUNK = Map.of("account", "office@example.org",
            "pattern", "MOVED_TO_JUNK", "severity", "WARNING");

    private static boolean matches(Silence.Matcher... matchers) {
        return CompiledSilence.of(silence(NOW, NOW.plusSeconds(60), matchers)).matches(OFFICE_JUNK);
    }

    @Test
    void equalMatchesOnlyTheSameValue() {
        assertThat(matches(matcher("account", Operator.EQUAL, "office@example.org"))).isTrue();
        assertThat(matches(matcher("account", Operator.EQUAL, "shop@example.org"))).isFalse();
        assertThat(matches(matcher("account", Operator.EQUAL, "OFFICE@example.org"))).as("case matters").isFalse();
    }

    @Test
    void notEqualMatchesEveryOtherValue() {
        assertThat(matches(matcher("account", Operator.NOT_EQUAL, "shop@example.org"))).isTrue();
        assertThat(matches(matcher("account", Operator.NOT_EQUAL, "office@example.org"))).isFalse();
    }

    @Test
    void aRegexMustMatchTheWholeValue() {
        assertThat(matches(matcher("pattern", Operator.REGEX, "MOVED_TO_.*"))).isTrue();
        assertThat(matches(matcher("pattern", Operator.REGEX, "JUNK"))).as("a part is not enough").isFalse();
        assertThat(matches(matcher("pattern", Operator.REGEX, "MOVED_TO_JUNK|DELETED_UNREAD"))).isTrue();
        assertThat(matches(matcher("account", Operator.REGEX, ".*@example\\.org"))).isTrue();
    }

    @Test
    void aNegativeRegexMatchesWhatTheRegexDoesNotMatchWhole() {
        assertThat(matches(matcher("pattern", Operator.NOT_REGEX, "JUNK"))).isTrue();
        assertThat(matches(matcher("pattern", Operator.NOT_REGEX, "MOVED_.*"))).isFalse();
    }

    @Test
    void aLabelTheAlertLacksMatchesAsTheEmptyString() {
        assertThat(matches(matcher("customer", Operator.EQUAL, ""))).isTrue();
        assertThat(matches(matcher("customer", Operator.EQUAL, "acme"))).isFalse();
        assertThat(matches(matcher("customer", Operator.NOT_EQUAL, "acme"))).isTrue();
        assertThat(matches(matcher("customer", Operator.REGEX, "acme|"))).isTrue();
        assertThat(matches(matcher("customer", Operator.NOT_REGEX, ".+"))).isTrue();
    }

    @Test
    void everyMatcherMustMatch() {
        assertThat(matches(matcher("account", Operator.EQUAL, "office@example.org"),
                matcher("severity", Operator.EQUAL, "WARNING"))).isTrue();
        assertThat(matches(matcher("account", Operator.EQUAL, "office@example.org"),
                matcher("severity", Operator.EQUAL, "CRITICAL"))).isFalse();
    }

    @Test
    void aMatcherWithoutOperatorCannotBeCompiledSoTheBookSkipsIt() {
        assertThatThrownBy(() -> CompiledSilence.of(silence(NOW, NOW.plusSeconds(60),
                new Silence.Matcher("account", "office@example.org", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator");
    }

    @Test
    void anAlertsLabelsAreItsAccountPatternSeverityAndTheCustomerGiven() {
        Alert alert = new Alert("office/MOVED_TO_JUNK", Alert.Status.FIRING, Alert.Pattern.MOVED_TO_JUNK,
                Alert.Severity.WARNING, "office@example.org", NOW, NOW, 3, "summary", "advice", List.of(), Map.of());

        assertThat(AlertLabels.of(alert, Customers.NONE)).isEqualTo(OFFICE_JUNK);
        assertThat(AlertLabels.of(alert, new Customers(Map.of(alert.account(), "acme")))).containsEntry("customer", "acme").hasSize(4);
    }

    @Test
    void aSilenceMayMatchAnAccountUnlessItsAccountMatchersSayOtherwise() {
        Instant end = NOW.plusSeconds(60);
        assertThat(CompiledSilence.mayMatchAccount(silence(NOW, end, matcher("severity", Operator.EQUAL, "INFO")),
                "office@example.org")).as("no account matcher").isTrue();
        assertThat(CompiledSilence.mayMatchAccount(silence(NOW, end,
                matcher("account", Operator.REGEX, "office@.*"), matcher("severity", Operator.EQUAL, "INFO")),
                "office@example.org")).isTrue();
        assertThat(CompiledSilence.mayMatchAccount(silence(NOW, end,
                matcher("account", Operator.EQUAL, "shop@example.org")), "office@example.org")).isFalse();
    }
}
