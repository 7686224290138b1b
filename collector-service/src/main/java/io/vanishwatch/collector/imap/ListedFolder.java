package io.vanishwatch.collector.imap;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** One mailbox as LIST names it: its full name, hierarchy separator and attributes ({@code \Junk}, {@code \Noselect}). */
public record ListedFolder(String name, char separator, Set<String> attributes) {

    public ListedFolder {
        TreeSet<String> lower = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        lower.addAll(attributes == null ? Set.of() : attributes);
        attributes = Set.copyOf(lower);
    }

    /** Whether it holds messages: not {@code \Noselect} and not {@code \NonExistent} (RFC 5258). */
    public boolean selectable() {
        return !has("\\Noselect") && !has("\\NonExistent");
    }

    public boolean has(String attribute) {
        return attributes.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(attribute.toLowerCase(Locale.ROOT)));
    }
}
