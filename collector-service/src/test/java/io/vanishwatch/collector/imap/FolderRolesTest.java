package io.vanishwatch.collector.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vanishwatch.events.FolderRole;

class FolderRolesTest {

    private static ListedFolder folder(String name, String... attributes) {
        return new ListedFolder(name, '/', Set.of(attributes));
    }

    @Test
    void specialUseAttributesDecideFirst() {
        Map<String, FolderRole> roles = FolderRoles.assign(List.of(
                folder("INBOX"), folder("Spam", "\\Junk"), folder("Bin", "\\Trash", "\\HasNoChildren"),
                folder("[Gmail]/All Mail", "\\All"), folder("Old", "\\Archive"), folder("Outbox", "\\Sent"),
                folder("Newsletters"), folder("Junk")), "INBOX", Map.of());

        assertThat(roles).containsExactly(entry("INBOX", FolderRole.INBOX), entry("Spam", FolderRole.JUNK),
                entry("Bin", FolderRole.TRASH), entry("[Gmail]/All Mail", FolderRole.ALL_MAIL),
                entry("Old", FolderRole.ARCHIVE), entry("Outbox", FolderRole.SENT),
                entry("Newsletters", FolderRole.OTHER),
                // a folder merely named Junk is not Junk when the server marks another one
                entry("Junk", FolderRole.OTHER));
    }

    @Test
    void withoutSpecialUseConfiguredNamesThenCommonNamesDecide() {
        Map<String, FolderRole> roles = FolderRoles.assign(List.of(
                folder("INBOX"), new ListedFolder("INBOX.Junk", '.', Set.of()), folder("Deleted Items"),
                folder("Papierkorb"), folder("Archive"), folder("Projects")), "INBOX",
                Map.of(FolderRole.TRASH, "Papierkorb"));

        assertThat(roles).containsExactly(entry("INBOX", FolderRole.INBOX), entry("INBOX.Junk", FolderRole.JUNK),
                entry("Deleted Items", FolderRole.OTHER), entry("Papierkorb", FolderRole.TRASH),
                entry("Archive", FolderRole.ARCHIVE), entry("Projects", FolderRole.OTHER));
    }
}
