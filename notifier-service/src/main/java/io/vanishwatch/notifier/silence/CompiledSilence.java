package io.vanishwatch.notifier.silence;

import io.vanishwatch.notifier.routing.AlertLabels;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.vanishwatch.events.Silence;

/**
 * A silence with its matchers turned into tests of a label value once, so that checking every alert against every
 * silence does not compile regular expressions again.
 */
public record CompiledSilence(Silence silence, List<Predicate<Map<String, String>>> matchers) {

    /**
     * Throws {@link IllegalArgumentException} for a matcher without label, value or operator, and its subclass
     * {@link java.util.regex.PatternSyntaxException} for a regular expression that does not compile.
     */
    public static CompiledSilence of(Silence silence) {
        return new CompiledSilence(silence, silence.matchers().stream().map(CompiledSilence::compile).toList());
    }

    /** Whether every matcher matches these labels (a missing label is the empty string). */
    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(matcher -> matcher.test(labels));
    }

    /** Whether one matcher matches one label value; a regular expression must match all of it. */
    public static boolean matches(Silence.Matcher matcher, String value) {
        return compile(matcher).test(value == null ? Map.of() : Map.of(matcher.label(), value));
    }

    /**
     * Whether the silence can mute some alert of this account: its matchers on {@code account}, if any, match it
     * (matchers on other labels are left aside, since the alerts to come are not known).
     */
    public static boolean mayMatchAccount(Silence silence, String account) {
        return silence.matchers().stream()
                .filter(matcher -> AlertLabels.ACCOUNT.equals(matcher.label()))
                .allMatch(matcher -> matches(matcher, account));
    }

    private static Predicate<Map<String, String>> compile(Silence.Matcher matcher) {
        if (matcher == null || matcher.label() == null || matcher.value() == null || matcher.operator() == null) {
            throw new IllegalArgumentException("a matcher needs a label, a value and an operator: " + matcher);
        }
        String label = matcher.label();
        String wanted = matcher.value();
        Predicate<String> test = switch (matcher.operator()) {
            case EQUAL -> wanted::equals;
            case NOT_EQUAL -> value -> !wanted.equals(value);
            case REGEX -> fullMatch(wanted);
            case NOT_REGEX -> fullMatch(wanted).negate();
        };
        return labels -> test.test(labels.getOrDefault(label, ""));
    }

    private static Predicate<String> fullMatch(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).matches();
    }
}
