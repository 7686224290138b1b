package io.vanishwatch.collector.imap;

import java.util.List;
import java.util.Optional;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.events.FolderRole;

/**
 * One folder of one account to watch.
 *
 * @param folder the folder's name, or empty to discover it by SPECIAL-USE or its common name ({@code Junk},
 *               {@code Trash})
 */
public record WatchTarget(AccountSettings account, FolderRole role, Optional<String> folder) {

    /** Every folder of an account: INBOX, Junk and Trash. */
    public static List<WatchTarget> of(AccountSettings account) {
        return List.of(
                new WatchTarget(account, FolderRole.INBOX, Optional.of(account.inboxFolder())),
                new WatchTarget(account, FolderRole.JUNK, account.junkFolder()),
                new WatchTarget(account, FolderRole.TRASH, account.trashFolder()));
    }

    public WatchTarget withFolder(String name) {
        return new WatchTarget(account, role, Optional.of(name));
    }

    /** The folder's name, or the role's common name while it is not discovered yet. */
    public String folderName() {
        return folder.orElse(commonName());
    }

    /** The name a folder of this role usually has when the server does not mark it with SPECIAL-USE. */
    public String commonName() {
        return switch (role) {
            case JUNK -> "Junk";
            case TRASH -> "Trash";
            default -> "INBOX";
        };
    }

    /** How this watch is named in log lines: {@code office (alice@127.0.0.1:143, INBOX)}; never a secret. */
    public String describe() {
        return account.id() + " (" + account.username() + "@" + account.host() + ":" + account.port() + ", "
                + folderName() + ")";
    }
}
