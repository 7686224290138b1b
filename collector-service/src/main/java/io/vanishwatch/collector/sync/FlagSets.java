package io.vanishwatch.collector.sync;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every distinct combination of flags the collector has seen, each kept once and known by a small number: a folder of
 * 100,000 messages holds a handful of combinations ({@code \Seen}, {@code \Seen \Answered}, {@code $Junk}, ...), so
 * a message keeps the number instead of a set of its own. The pool only grows, by the combinations servers really use.
 */
final class FlagSets {

    private static final Map<Set<String>, Integer> IDS = new ConcurrentHashMap<>();
    private static final List<Set<String>> SETS = new CopyOnWriteArrayList<>();

    static {
        idOf(Set.of()); // 0: no flags
    }

    private FlagSets() {
    }

    /** The number of this combination of flags, given one the first time it is seen. */
    static int idOf(Set<String> flags) {
        Integer id = IDS.get(flags);
        return id != null ? id : register(Set.copyOf(flags));
    }

    /** The flags numbered {@code id}. */
    static Set<String> of(int id) {
        return SETS.get(id);
    }

    private static synchronized int register(Set<String> flags) {
        Integer id = IDS.get(flags);
        if (id != null) {
            return id;
        }
        SETS.add(flags);
        IDS.put(flags, SETS.size() - 1);
        return SETS.size() - 1;
    }
}
