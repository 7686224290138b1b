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

    @Test
    void gmailsTreeAsGmailListsItTakesItsRolesFromSpecialUse() {
        Map<String, FolderRole> roles = FolderRoles.assign(List.of(
                folder("INBOX", "\\HasNoChildren"), folder("Invoices", "\\HasNoChildren"),
                folder("[Gmail]/All Mail", "\\All", "\\HasNoChildren"),
                folder("[Gmail]/Drafts", "\\Drafts", "\\HasNoChildren"),
                folder("[Gmail]/Important", "\\HasNoChildren", "\\Important"),
                folder("[Gmail]/Sent Mail", "\\HasNoChildren", "\\Sent"),
                folder("[Gmail]/Spam", "\\HasNoChildren", "\\Junk"),
                folder("[Gmail]/Starred", "\\Flagged", "\\HasNoChildren"),
                folder("[Gmail]/Trash", "\\HasNoChildren", "\\Trash")), "INBOX", Map.of());

        assertThat(roles).containsExactly(entry("INBOX", FolderRole.INBOX), entry("Invoices", FolderRole.OTHER),
                entry("[Gmail]/All Mail", FolderRole.ALL_MAIL), entry("[Gmail]/Drafts", FolderRole.DRAFTS),
                entry("[Gmail]/Important", FolderRole.OTHER), entry("[Gmail]/Sent Mail", FolderRole.SENT),
                entry("[Gmail]/Spam", FolderRole.JUNK), entry("[Gmail]/Starred", FolderRole.OTHER),
                entry("[Gmail]/Trash", FolderRole.TRASH));
    }

    @Test
    void gmailsTreeWithoutSpecialUseIsRecognisedByItsNamesInEitherSpelling() {
        Map<String, FolderRole> roles = FolderRoles.assign(List.of(
                folder("INBOX"), folder("[Google Mail]/All Mail"), folder("[Google Mail]/Bin"),
                folder("[Google Mail]/Spam"), folder("[Google Mail]/Sent Mail"), folder("[Google Mail]/Starred")),
                "INBOX", Map.of());

        assertThat(roles).containsExactly(entry("INBOX", FolderRole.INBOX),
                entry("[Google Mail]/All Mail", FolderRole.ALL_MAIL), entry("[Google Mail]/Bin", FolderRole.TRASH),
                entry("[Google Mail]/Spam", FolderRole.JUNK), entry("[Google Mail]/Sent Mail", FolderRole.SENT),
                entry("[Google Mail]/Starred", FolderRole.OTHER));
    }

    @Test
    void microsoft365sFoldersAreRecognisedByTheirAttributesOrElseTheirNames() {
        List<ListedFolder> withoutAttributes = List.of(folder("INBOX"), folder("Archive"),
                folder("Conversation History"), folder("Deleted Items"), folder("Drafts"), folder("Junk Email"),
                folder("Outbox"), folder("Sent Items"), folder("Sync Issues"), folder("Sync Issues/Conflicts"));
        Map<String, FolderRole> expected = new java.util.LinkedHashMap<>();
        expected.put("INBOX", FolderRole.INBOX);
        expected.put("Archive", FolderRole.ARCHIVE);
        expected.put("Conversation History", FolderRole.OTHER);
        expected.put("Deleted Items", FolderRole.TRASH);
        expected.put("Drafts", FolderRole.DRAFTS);
        expected.put("Junk Email", FolderRole.JUNK);
        expected.put("Outbox", FolderRole.OTHER);
        expected.put("Sent Items", FolderRole.SENT);
        expected.put("Sync Issues", FolderRole.OTHER);
        expected.put("Sync Issues/Conflicts", FolderRole.OTHER);

        assertThat(FolderRoles.assign(withoutAttributes, "INBOX", Map.of())).containsExactlyEntriesOf(expected);

        // Exchange marks them without announcing SPECIAL-USE; a user's own "Junk" is then just a folder
        List<ListedFolder> withAttributes = List.of(folder("INBOX"), folder("Archive", "\\Archive"),
                folder("Deleted Items", "\\Trash"), folder("Junk Email", "\\Junk"), folder("Junk"),
                folder("Sent Items", "\\Sent"));
        assertThat(FolderRoles.assign(withAttributes, "INBOX", Map.of())).containsEntry("Junk Email", FolderRole.JUNK)
                .containsEntry("Junk", FolderRole.OTHER).containsEntry("Deleted Items", FolderRole.TRASH)
                .containsEntry("Archive", FolderRole.ARCHIVE);
    }
}
