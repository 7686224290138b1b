package io.vanishwatch.collector.imap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** IMAP sequence-set syntax for UIDs ({@code 1:5,7,9:12}), in chunks that keep one command line short. */
final class UidSets {

    private UidSets() {
    }

    /** The UIDs as sequence sets of at most {@code perSet} UIDs each. */
    static List<String> format(SortedSet<Long> uids, int perSet) {
        List<String> sets = new ArrayList<>();
        Iterator<Long> it = uids.iterator();
        while (it.hasNext()) {
            TreeSet<Long> chunk = new TreeSet<>();
            while (it.hasNext() && chunk.size() < perSet) {
                chunk.add(it.next());
            }
            sets.add(format(chunk));
        }
        return sets;
    }

    static String format(SortedSet<Long> uids) {
        StringBuilder out = new StringBuilder();
        Long start = null;
        Long previous = null;
        for (long uid : uids) {
            if (previous != null && uid == previous + 1) {
                previous = uid;
                continue;
            }
            append(out, start, previous);
            start = uid;
            previous = uid;
        }
        append(out, start, previous);
        return out.toString();
    }

    private static void append(StringBuilder out, Long start, Long end) {
        if (start == null) {
            return;
        }
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(start);
        if (!end.equals(start)) {
            out.append(':').append(end);
        }
    }
}
