package io.vanishwatch.collector.imap;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the server said changed while the watcher listened: the selected folder (EXISTS, EXPUNGE, FETCH), other
 * folders by name (NOTIFY's STATUS), or the folder list itself (NOTIFY's LIST). A hint to synchronise, never the
 * change itself: the watcher always reads the folder by UID afterwards.
 */
public record Changes(boolean selected, Set<String> folders, boolean folderList) {

    public static final Changes NONE = new Changes(false, Set.of(), false);

    public Changes {
        folders = Set.copyOf(folders);
    }

    public boolean any() {
        return selected || folderList || !folders.isEmpty();
    }

    public Changes and(Changes other) {
        TreeSet<String> both = new TreeSet<>(folders);
        both.addAll(other.folders);
        return new Changes(selected || other.selected, both, folderList || other.folderList);
    }
}
