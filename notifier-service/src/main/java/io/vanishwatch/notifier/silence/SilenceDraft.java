package io.vanishwatch.notifier.silence;

import io.vanishwatch.notifier.routing.AlertLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.vanishwatch.events.Silence;
import io.vanishwatch.notifier.api.FieldError;

/**
 * A silence as someone asks for it, before it has an id: checked by {@link #problems(Instant)}, then made a
 * {@link Silence} by {@link #toSilence(String, Instant)}.
 *
 * @param startsAt when to start muting; absent or past means now
 */
public record SilenceDraft(
        List<Silence.Matcher> matchers,
        Instant startsAt,
        Instant endsAt,
        String createdBy,
        String comment) {

    /** Everything wrong with this draft at {@code now}, each naming its field; empty when it can be set. */
    public List<FieldError> problems(Instant now) {
        List<FieldError> problems = new ArrayList<>();
        if (matchers == null || matchers.isEmpty()) {
            problems.add(new FieldError("matchers", "at least one matcher is required"));
        } else {
            boolean allMatchEmpty = true;
            for (int i = 0; i < matchers.size(); i++) {
                List<FieldError> wrong = problems(matchers.get(i), "matchers[" + i + "]");
                problems.addAll(wrong);
                if (wrong.isEmpty() && !CompiledSilence.matches(matchers.get(i), "")) {
                    allMatchEmpty = false;
                }
            }
            if (allMatchEmpty && problems.isEmpty()) {
                problems.add(new FieldError("matchers",
                        "every matcher matches an empty label, so the silence would mute every alert: name a value"));
            }
        }
        if (endsAt == null) {
            problems.add(new FieldError("endsAt", "required: until when the silence mutes, an ISO-8601 instant"));
        } else if (!endsAt.isAfter(effectiveStart(now))) {
            problems.add(new FieldError("endsAt", "must be after startsAt (and after now)"));
        }
        if (createdBy == null || createdBy.isBlank()) {
            problems.add(new FieldError("createdBy", "required: who sets the silence"));
        }
        if (comment == null || comment.isBlank()) {
            problems.add(new FieldError("comment", "required: why the silence is set"));
        }
        return problems;
    }

    /** The silence this draft sets, written at {@code now}; call only when {@link #problems} is empty. */
    public Silence toSilence(String id, Instant now) {
        return new Silence(id, matchers, effectiveStart(now), endsAt, createdBy.strip(), comment.strip(), now);
    }

    private Instant effectiveStart(Instant now) {
        return startsAt == null || startsAt.isBefore(now) ? now : startsAt;
    }

    private static List<FieldError> problems(Silence.Matcher matcher, String field) {
        if (matcher == null) {
            return List.of(new FieldError(field, "a matcher is an object with label, value and operator"));
        }
        List<FieldError> problems = new ArrayList<>();
        if (matcher.label() == null || !AlertLabels.ALL.contains(matcher.label())) {
            problems.add(new FieldError(field + ".label", "must be one of " + AlertLabels.ALL.stream().sorted()
                    .toList() + (matcher.label() == null ? "" : ", not '" + matcher.label() + "'")));
        }
        if (matcher.value() == null) {
            problems.add(new FieldError(field + ".value", "required (may be empty)"));
        }
        if (matcher.operator() == null) {
            problems.add(new FieldError(field + ".operator", "required: EQUAL, NOT_EQUAL, REGEX or NOT_REGEX"));
        } else if (matcher.value() != null && (matcher.operator() == Silence.Matcher.Operator.REGEX
                || matcher.operator() == Silence.Matcher.Operator.NOT_REGEX)) {
            try {
                Pattern.compile(matcher.value());
            } catch (PatternSyntaxException e) {
                problems.add(new FieldError(field + ".value", "not a regular expression: "
                        + e.getDescription() + " near index " + e.getIndex()));
            }
        }
        return problems;
    }
}
