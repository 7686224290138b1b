package io.vanishwatch.notifier.silence;

import static io.vanishwatch.notifier.silence.Silences.NOW;
import static io.vanishwatch.notifier.silence.Silences.matcher;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vanishwatch.events.Silence;
import io.vanishwatch.notifier.api.FieldError;
import io.vanishwatch.events.Silence.Matcher.Operator;
import org.junit.jupiter.api.Test;

class SilenceDraftTest {

    private static final Instant LATER = NOW.plus(Duration.ofHours(4));
    private static final List<Silence.Matcher> OFFICE = List.of(matcher("account", Operator.EQUAL, "office@example.org"));

    private static List<String> fields(SilenceDraft draft) {
        return draft.problems(NOW).stream().map(FieldError::field).toList();
    }

    @Test
    void aCompleteDraftHasNoProblemsAndStartsNowWhenNoStartIsGiven() {
        SilenceDraft draft = new SilenceDraft(OFFICE, null, LATER, " support-desk ", "moving mailboxes");

        assertThat(draft.problems(NOW)).isEmpty();
        Silence silence = draft.toSilence("s-1", NOW);
        assertThat(silence).isEqualTo(new Silence("s-1", OFFICE, NOW, LATER, "support-desk", "moving mailboxes", NOW));
    }

    @Test
    void aStartInThePastMeansNowAndAFutureStartIsKept() {
        assertThat(new SilenceDraft(OFFICE, NOW.minusSeconds(60), LATER, "support-desk", "x").toSilence("s", NOW).startsAt())
                .isEqualTo(NOW);
        assertThat(new SilenceDraft(OFFICE, NOW.plusSeconds(60), LATER, "support-desk", "x").toSilence("s", NOW).startsAt())
                .isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void atLeastOneMatcherIsRequired() {
        assertThat(fields(new SilenceDraft(List.of(), null, LATER, "support-desk", "x"))).containsExactly("matchers");
        assertThat(fields(new SilenceDraft(null, null, LATER, "support-desk", "x"))).containsExactly("matchers");
    }

    @Test
    void eachMatcherNamesAKnownLabelAValueAndAnOperator() {
        List<Silence.Matcher> matchers = new ArrayList<>();
        matchers.add(matcher("account", Operator.EQUAL, "office@example.org"));
        matchers.add(matcher("acount", Operator.EQUAL, "office@example.org"));
        matchers.add(new Silence.Matcher("severity", null, null));
        matchers.add(null);

        assertThat(fields(new SilenceDraft(matchers, null, LATER, "support-desk", "x")))
                .containsExactly("matchers[1].label", "matchers[2].value", "matchers[2].operator", "matchers[3]");
    }

    @Test
    void aRegexMustCompile() {
        List<FieldError> problems = new SilenceDraft(List.of(matcher("pattern", Operator.REGEX, "MOVED_(")), null,
                LATER, "support-desk", "x").problems(NOW);

        assertThat(problems).extracting(FieldError::field).containsExactly("matchers[0].value");
        assertThat(problems.get(0).message()).contains("not a regular expression");
    }

    @Test
    void aSilenceThatWouldMuteEveryAlertIsRefused() {
        assertThat(fields(new SilenceDraft(List.of(matcher("account", Operator.REGEX, ".*")), null, LATER, "support-desk",
                "x"))).containsExactly("matchers");
        assertThat(fields(new SilenceDraft(List.of(matcher("account", Operator.REGEX, ".*"),
                matcher("severity", Operator.EQUAL, "INFO")), null, LATER, "support-desk", "x"))).isEmpty();
    }

    @Test
    void itMustEndAfterItStartsAndAfterNow() {
        assertThat(fields(new SilenceDraft(OFFICE, null, null, "support-desk", "x"))).containsExactly("endsAt");
        assertThat(fields(new SilenceDraft(OFFICE, null, NOW, "support-desk", "x"))).containsExactly("endsAt");
        assertThat(fields(new SilenceDraft(OFFICE, LATER, LATER, "support-desk", "x"))).containsExactly("endsAt");
        assertThat(fields(new SilenceDraft(OFFICE, LATER, LATER.plusSeconds(1), "support-desk", "x"))).isEmpty();
    }

    @Test
    void whoAndWhyAreRequired() {
        assertThat(fields(new SilenceDraft(OFFICE, null, LATER, null, " "))).containsExactly("createdBy", "comment");
    }
}
