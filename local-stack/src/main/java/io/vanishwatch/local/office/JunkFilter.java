package io.vanishwatch.local.office;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Ready-made "junk filter" rules for simulated devices: which new messages a device treats as junk. */
public final class JunkFilter {

    private JunkFilter() {
    }

    /** Every message from one of these addresses (case-insensitive). */
    public static Predicate<InboxMessage> fromSenders(Collection<String> addresses) {
        Set<String> senders = lowerCase(addresses);
        return message -> senders.contains(message.fromAddress());
    }

    public static Predicate<InboxMessage> fromSenders(String... addresses) {
        return fromSenders(Arrays.asList(addresses));
    }

    /** Every message from one of these domains (case-insensitive). */
    public static Predicate<InboxMessage> fromDomains(String... domains) {
        Set<String> wanted = lowerCase(Arrays.asList(domains));
        return message -> wanted.contains(message.fromDomain());
    }

    /** Every message whose subject contains one of these words (case-insensitive). */
    public static Predicate<InboxMessage> subjectContains(String... words) {
        Set<String> wanted = lowerCase(Arrays.asList(words));
        return message -> {
            String subject = message.subject() == null ? "" : message.subject().toLowerCase(Locale.ROOT);
            return wanted.stream().anyMatch(subject::contains);
        };
    }

    private static Set<String> lowerCase(Collection<String> values) {
        return values.stream().map(value -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
