package io.vanishwatch.events;

import java.time.Instant;
import java.util.List;

/**
 * The collector's verdict, on evidence, about a message that left a folder: it looked in every other folder of the
 * account right after the removal and either found the same message (by Message-ID, else by size, INTERNALDATE and
 * sender) or found it in none of them.
 *
 * @param folder         for {@link Location#IN_FOLDER}, where the message sits now
 * @param uid            for {@link Location#IN_FOLDER}, its UID there
 * @param checkedAt      when the folders were checked
 * @param foldersChecked every folder looked in, the one it left excluded
 */
public record Verdict(Location location, String folder, FolderRole folderRole, long uid, Instant checkedAt,
                      List<String> foldersChecked) {

    /** Whether the message is still on the server. */
    public enum Location { IN_FOLDER, IN_NO_FOLDER }

    public Verdict {
        foldersChecked = foldersChecked == null ? List.of() : List.copyOf(foldersChecked);
    }

    public static Verdict inFolder(String folder, FolderRole folderRole, long uid, Instant checkedAt,
                                   List<String> foldersChecked) {
        return new Verdict(Location.IN_FOLDER, folder, folderRole, uid, checkedAt, foldersChecked);
    }

    public static Verdict inNoFolder(Instant checkedAt, List<String> foldersChecked) {
        return new Verdict(Location.IN_NO_FOLDER, null, null, -1, checkedAt, foldersChecked);
    }
}
