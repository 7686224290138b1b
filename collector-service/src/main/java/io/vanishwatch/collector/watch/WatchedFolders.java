package io.vanishwatch.collector.watch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vanishwatch.collector.config.AccountSettings;
import io.vanishwatch.collector.imap.FolderRoles;
import io.vanishwatch.collector.imap.ListedFolder;
import io.vanishwatch.events.FolderRole;

/**
 * The folders of one account as the watch sees them: every selectable folder with its role, split into those it
 * watches and those the configuration excludes (still searched when a removed message is looked for).
 */
public record WatchedFolders(Map<String, FolderRole> roles, List<String> watched, List<String> excluded) {

    public WatchedFolders {
        roles = Map.copyOf(roles);
        watched = List.copyOf(watched);
        excluded = List.copyOf(excluded);
    }

    /** The selectable folders of {@code listed} with their roles, as the watch of {@code account} takes them. */
    public static WatchedFolders of(List<ListedFolder> listed, AccountSettings account) {
        List<ListedFolder> selectable = listed.stream().filter(ListedFolder::selectable).toList();
        Map<String, FolderRole> roles = new LinkedHashMap<>(FolderRoles.assign(selectable, account.inboxFolder(),
                account.configuredRoles()));
        List<String> watched = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        roles.keySet().forEach(name -> (account.excludes(name) ? excluded : watched).add(name));
        return new WatchedFolders(roles, watched, excluded);
    }

    public FolderRole role(String folder) {
        return roles.getOrDefault(folder, FolderRole.OTHER);
    }

    boolean watches(String folder) {
        return watched.contains(folder);
    }

    /** The INBOX as the server names it, if it was listed. */
    public String inbox() {
        return roles.entrySet().stream().filter(e -> e.getValue() == FolderRole.INBOX).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }
}
