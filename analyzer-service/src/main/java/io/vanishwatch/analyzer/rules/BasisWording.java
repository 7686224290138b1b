package io.vanishwatch.analyzer.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.vanishwatch.events.Disappearance;

/**
 * Says what a destination rests on — the collector's check of every other folder, or the same message seen arriving
 * elsewhere, or only that it did not appear within the correlation window — so nobody reads a guess as a finding.
 */
final class BasisWording {

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private BasisWording() {
    }

    /** What follows "gone from the server" or "moved to X (ROLE)" in one disappearance's line; empty when unknown. */
    static String ofOne(Disappearance d, Duration window) {
        if (d.basis() == null) {
            return "";
        }
        boolean gone = d.destination() == Disappearance.Destination.GONE;
        return switch (d.basis()) {
            case FOLDER_CHECK -> gone
                    ? " (" + foldersChecked(d.foldersChecked().size()) + at(d) + ")"
                    : ", found there" + (d.checkedAt() == null ? " by the collector's check" : at(d));
            case ARRIVAL_SEEN -> gone ? "" : ", seen arriving there " + seenWhen(d.lastSeenAt() != null, window);
            case WINDOW_PASSED -> gone ? " (" + notSeenWithin(window) + ")" : "";
        };
    }

    /**
     * The clause of the CLIENT_MOVES_TO_LOCAL summary after "...of arriving; ": "they are in no folder on the server"
     * only when every one was checked for, else the weaker truth for those that were not.
     */
    static String inNoFolder(List<Disappearance> evidence, Duration window) {
        long checked = countChecked(evidence);
        long unchecked = evidence.size() - checked;
        if (unchecked == 0) {
            return "they are in no folder on the server. Each was looked for " + checkedIn(evidence)
                    + " right after its removal.";
        }
        if (checked == 0) {
            return "none of them appeared in any watched folder within " + AlertWording.humanDuration(window)
                    + ", so they are most likely in no folder on the server.";
        }
        return checked + " of them are in no folder on the server (looked for " + checkedIn(evidence)
                + " right after removal); the other " + unchecked + " did not appear in any watched folder within "
                + AlertWording.humanDuration(window) + ".";
    }

    /** The sentence after a MOVED summary saying how each destination is known. */
    static String foundThere(List<Disappearance> evidence, Duration window) {
        long checked = countChecked(evidence);
        long seen = evidence.size() - checked;
        if (seen == 0) {
            return " Each was found there by a check of the account's folders right after its removal.";
        }
        boolean onResync = evidence.stream().anyMatch(d -> d.basis() != Disappearance.Basis.FOLDER_CHECK
                && d.lastSeenAt() != null);
        if (checked == 0) {
            return " Each was seen arriving there " + seenWhen(onResync, window) + ".";
        }
        return " " + checked + " were found there by a check of the account's folders right after removal, " + seen
                + " seen arriving there " + seenWhen(onResync, window) + ".";
    }

    /** When an arrival elsewhere was seen, relative to the removal it explains. */
    private static String seenWhen(boolean foundOnResync, Duration window) {
        return foundOnResync
                ? "around the time it left (found on resync, within " + AlertWording.humanDuration(window) + ")"
                : "within " + AlertWording.humanDuration(window) + " of its removal";
    }

    private static long countChecked(List<Disappearance> evidence) {
        return evidence.stream().filter(d -> d.basis() == Disappearance.Basis.FOLDER_CHECK).count();
    }

    private static String checkedIn(List<Disappearance> evidence) {
        List<Integer> sizes = evidence.stream().filter(d -> d.basis() == Disappearance.Basis.FOLDER_CHECK)
                .map(d -> d.foldersChecked().size()).distinct().toList();
        int most = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (most == 0) {
            return "in every folder of the account (it has no other)";
        }
        return (sizes.size() == 1 ? "in the " : "in up to ") + most + " other " + (most == 1 ? "folder" : "folders")
                + " of the account";
    }

    private static String foldersChecked(int n) {
        return n == 0 ? "the account has no other folder to look in; checked" : "checked " + n + " other "
                + (n == 1 ? "folder" : "folders");
    }

    private static String notSeenWithin(Duration window) {
        return "did not appear in any watched folder within " + AlertWording.humanDuration(window);
    }

    /** " at 10:42:03 UTC", with the date where the check was on another day than the removal. */
    private static String at(Disappearance d) {
        Instant checkedAt = d.checkedAt();
        if (checkedAt == null) {
            return "";
        }
        boolean sameDay = d.removedAt() != null
                && d.removedAt().truncatedTo(ChronoUnit.DAYS).equals(checkedAt.truncatedTo(ChronoUnit.DAYS));
        Instant shown = checkedAt.truncatedTo(ChronoUnit.SECONDS);
        return " at " + (sameDay ? TIME_OF_DAY.format(shown) : DATE_TIME.format(shown));
    }
}
