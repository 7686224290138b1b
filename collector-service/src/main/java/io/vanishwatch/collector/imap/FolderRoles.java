package io.vanishwatch.collector.imap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vanishwatch.events.FolderRole;

/**
 * What each folder of an account is for: SPECIAL-USE attributes first (RFC 6154: {@code \Junk}, {@code \Trash},
 * {@code \Archive}, {@code \All}, {@code \Sent}, {@code \Drafts}), then the names the account configures, then the
 * names servers without SPECIAL-USE commonly give them ({@code Junk}, {@code Deleted Items}, ...).
 */
public final class FolderRoles {

    private static final Map<String, FolderRole> ATTRIBUTES = Map.of(
            "\\junk", FolderRole.JUNK, "\\trash", FolderRole.TRASH, "\\archive", FolderRole.ARCHIVE,
            "\\all", FolderRole.ALL_MAIL, "\\sent", FolderRole.SENT, "\\drafts", FolderRole.DRAFTS);

    private static final Map<FolderRole, Set<String>> COMMON_NAMES = Map.of(
            FolderRole.JUNK, Set.of("junk", "spam", "junk e-mail", "junk email", "bulk mail", "junk mail"),
            FolderRole.TRASH, Set.of("trash", "deleted items", "deleted messages", "bin", "deleted"),
            FolderRole.ARCHIVE, Set.of("archive", "archives"),
            FolderRole.ALL_MAIL, Set.of("all mail"),
            FolderRole.SENT, Set.of("sent", "sent items", "sent messages", "sent mail"),
            FolderRole.DRAFTS, Set.of("drafts"));

    private FolderRoles() {
    }

    /**
     * The role of every listed folder, in LIST order.
     *
     * @param inbox      the account's INBOX name
     * @param configured names the account gives to roles whose folders the server does not mark
     */
    public static Map<String, FolderRole> assign(List<ListedFolder> folders, String inbox,
                                                 Map<FolderRole, String> configured) {
        Map<String, FolderRole> roles = new LinkedHashMap<>();
        Set<FolderRole> marked = new java.util.HashSet<>();
        for (ListedFolder folder : folders) {
            byAttribute(folder).ifPresent(marked::add);
        }
        for (ListedFolder folder : folders) {
            roles.put(folder.name(), roleOf(folder, inbox, configured, marked));
        }
        return roles;
    }

    private static FolderRole roleOf(ListedFolder folder, String inbox, Map<FolderRole, String> configured,
                                     Set<FolderRole> marked) {
        if (folder.name().equalsIgnoreCase(inbox)) {
            return FolderRole.INBOX;
        }
        Optional<FolderRole> attribute = byAttribute(folder);
        if (attribute.isPresent()) {
            return attribute.get();
        }
        for (Map.Entry<FolderRole, String> entry : configured.entrySet()) {
            if (folder.name().equals(entry.getValue())) {
                return entry.getKey();
            }
        }
        String leaf = leaf(folder).toLowerCase(Locale.ROOT);
        for (Map.Entry<FolderRole, Set<String>> entry : COMMON_NAMES.entrySet()) {
            if (!marked.contains(entry.getKey()) && !configured.containsKey(entry.getKey())
                    && entry.getValue().contains(leaf)) {
                return entry.getKey();
            }
        }
        return FolderRole.OTHER;
    }

    private static Optional<FolderRole> byAttribute(ListedFolder folder) {
        for (String attribute : folder.attributes()) {
            FolderRole role = ATTRIBUTES.get(attribute.toLowerCase(Locale.ROOT));
            if (role != null) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The last part of a hierarchical name: {@code Junk} of {@code INBOX.Junk} or {@code [Gmail]/Spam}. */
    private static String leaf(ListedFolder folder) {
        String name = folder.name();
        int at = folder.separator() == 0 ? -1 : name.lastIndexOf(folder.separator());
        return at < 0 ? name : name.substring(at + 1);
    }
}
