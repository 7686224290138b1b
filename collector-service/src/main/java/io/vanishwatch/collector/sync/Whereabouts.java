package io.vanishwatch.collector.sync;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MessageSummary;
import io.vanishwatch.events.Verdict;

/**
 * Where a message that left a folder is now, decided from what the watcher knows of every other folder of the
 * account right after it looked: the same Message-ID, or where there is none, the same size, INTERNALDATE and sender
 * (a COPY or MOVE keeps both). Pure: the watcher makes sure the folders it passes are fresh.
 */
public final class Whereabouts {

    /** A copy of a message in a folder. */
    public record Copy(String folder, FolderRole role, long uid) {
    }

    private Whereabouts() {
    }

    /**
     * Whether the message can be recognised elsewhere at all: it has a Message-ID, or a size and INTERNALDATE. A
     * message the watcher never managed to describe cannot be.
     */
    public static boolean recognisable(MessageSummary message) {
        return message.messageId() != null || (message.size() > 0 && message.internalDate() != null);
    }

    /**
     * The copy of {@code removed} in another folder than {@code left}, preferring one that arrived in the same round
     * (the destination of a move) over one that was there already (Gmail keeps every message in All Mail), and among
     * those that were there already, a label or folder over All Mail, which holds every message and so says least.
     */
    public static Optional<Copy> find(MessageSummary removed, String left, Map<String, FolderState> folders,
                                      Set<Copy> arrivedThisRound) {
        if (!recognisable(removed)) {
            return Optional.empty();
        }
        return folders.values().stream()
                .filter(folder -> !folder.folder().equals(left))
                .flatMap(folder -> Arrays.stream(folder.messages().uidsOf(removed))
                        .mapToObj(uid -> new Copy(folder.folder(), folder.role(), uid)))
                .min(Comparator.comparing((Copy copy) -> !arrivedThisRound.contains(copy))
                        .thenComparing(copy -> copy.role() == FolderRole.ALL_MAIL)
                        .thenComparing(Copy::folder).thenComparing(Copy::uid, Comparator.reverseOrder()));
    }

    /** The verdict on evidence: found in {@code copy}, or in none of {@code checked}. */
    public static Verdict verdict(Optional<Copy> copy, Instant checkedAt, List<String> checked) {
        return copy.map(c -> Verdict.inFolder(c.folder(), c.role(), c.uid(), checkedAt, checked))
                .orElseGet(() -> Verdict.inNoFolder(checkedAt, checked));
    }

    /** What recognises a message in any folder: its Message-ID, else its size, INTERNALDATE and sender. */
    public static Optional<String> identity(MessageSummary message) {
        if (message.messageId() != null) {
            return Optional.of("id " + message.messageId());
        }
        if (message.size() > 0 && message.internalDate() != null) {
            return Optional.of("fingerprint " + message.size() + " " + message.internalDate() + " " + message.from());
        }
        return Optional.empty();
    }
}
